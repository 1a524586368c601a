/**
 * How `paginate` decides the next page, from the pages a source returns: cursors at dotted paths,
 * the end conditions of each style, nested cursor parameters and the `Link` header forms RFC 8288
 * allows. The source is a list of scripted pages (real Response objects), so every decision is
 * seen as the inputs the walk asks for; pagination.test.ts covers the same walk over a socket.
 */
import { describe, expect, it } from "vitest";
import type { WithResponse } from "../src/api-promise.js";
import { paginate } from "../src/pagination.js";
import type { PaginationDefinition } from "../src/provider-definition.js";
import { responseAt } from "./response-at.js";

type Input = Record<string, unknown>;
const PAGE_URL = "https://api.example.test/items";

function page(data: unknown, headers: Record<string, string> = {}, url = PAGE_URL): WithResponse<unknown> {
  return { data, response: responseAt(url, null, { headers }), requestId: undefined };
}

/**
 * Walks `definition` over `pages` (one per request, then empty lists), at most `limit` requests:
 * the items, the inputs asked for and the URLs followed.
 */
async function walk(definition: PaginationDefinition, input: Input, pages: WithResponse<unknown>[], limit = 6) {
  const inputs: Input[] = [];
  const urls: string[] = [];
  const next = () => {
    if (inputs.length + urls.length >= limit) throw new Error(`more than ${limit} requests`);
    return Promise.resolve(pages.shift() ?? page([]));
  };
  const items: unknown[] = [];
  const source = {
    byInput: (pageInput: Input) => {
      inputs.push(pageInput);
      return next();
    },
    byUrl: (url: URL) => {
      urls.push(url.href);
      return next();
    },
  };
  for await (const item of paginate(definition, input, source)) items.push(item);
  return { items, inputs, urls };
}

describe("cursor pagination", () => {
  const byField = {
    style: "cursor",
    items: "data",
    cursorParam: "after",
    nextCursor: { field: "meta.next_cursor" },
  } as const satisfies PaginationDefinition;

  it("reads the cursor at a dotted path, and ends on a page without it (no has-more field)", async () => {
    const { items, inputs } = await walk(byField, { size: 2 }, [
      page({ data: [1, 2], meta: { next_cursor: "c2" } }),
      page({ data: [3] }),
    ]);
    expect(items).toEqual([1, 2, 3]);
    expect(inputs).toEqual([{ size: 2 }, { size: 2, after: "c2" }]);
  });

  it.each([
    ["null", null],
    ["empty", ""],
  ])("a %s cursor after a real one ends the walk", async (_, end) => {
    const { inputs } = await walk(byField, {}, [
      page({ data: [1], meta: { next_cursor: "c2" } }),
      page({ data: [2], meta: { next_cursor: end } }),
    ]);
    expect(inputs).toEqual([{}, { after: "c2" }]);
  });

  it("a missing cursor after a real one ends the walk", async () => {
    const { inputs } = await walk(byField, {}, [
      page({ data: [1], meta: { next_cursor: "c2" } }),
      page({ data: [2], meta: {} }),
    ]);
    expect(inputs).toEqual([{}, { after: "c2" }]);
  });

  it("a list that is not an array has no items, and no last item to take a cursor from", async () => {
    const definition = {
      style: "cursor",
      items: "data",
      cursorParam: "starting_after",
      nextCursor: { lastItemField: "id" },
    } as const satisfies PaginationDefinition;
    const { items, inputs } = await walk(definition, {}, [page({ data: { id: "x" } })]);
    expect(items).toEqual([]);
    expect(inputs).toEqual([{}]);
  });

  it("a has-more field that is not exactly true ends the walk", async () => {
    const definition = { ...byField, hasMore: "has_more" } as const satisfies PaginationDefinition;
    const { inputs } = await walk(definition, {}, [page({ data: [1], has_more: "yes", meta: { next_cursor: "c2" } })]);
    expect(inputs).toEqual([{}]);
  });

  describe("a cursor parameter at a dotted path", () => {
    const nested = (cursorParam: string) => ({ ...byField, cursorParam }) as const satisfies PaginationDefinition;
    const twoPages = () => [page({ data: [1], meta: { next_cursor: "c2" } }), page({ data: [2] })];

    it("is written into a copy of the object already there, keeping its other fields", async () => {
      const input = { page: { size: 5 }, q: "x" };
      const { inputs } = await walk(nested("page.after"), input, twoPages());
      expect(inputs[1]).toEqual({ page: { size: 5, after: "c2" }, q: "x" });
      expect(input).toEqual({ page: { size: 5 }, q: "x" });
    });

    it.each([
      ["absent", {}],
      ["null", { page: null }],
      ["a string", { page: "p" }],
    ])("replaces a parent that is %s with an object", async (_, input) => {
      const { inputs } = await walk(nested("page.after"), input, twoPages());
      expect(inputs[1]).toEqual({ page: { after: "c2" } });
    });

    it("goes down more than one level", async () => {
      const { inputs } = await walk(nested("a.b.c"), { a: { b: { d: 1 } } }, twoPages());
      expect(inputs[1]).toEqual({ a: { b: { d: 1, c: "c2" } } });
    });
  });
});

describe("offset pagination", () => {
  it("without a limit parameter, goes on after a short page and ends at an empty one", async () => {
    const definition = { style: "offset", offsetParam: "offset" } as const satisfies PaginationDefinition;
    const { items, inputs } = await walk(definition, {}, [page([1, 2, 3]), page([4]), page([])]);
    expect(items).toEqual([1, 2, 3, 4]);
    expect(inputs).toEqual([{}, { offset: 3 }, { offset: 4 }]);
  });

  it("with a limit, a short page is the last", async () => {
    const definition = {
      style: "offset",
      items: "items",
      offsetParam: "offset",
      limitParam: "limit",
    } as const satisfies PaginationDefinition;
    const { inputs } = await walk(definition, { limit: 2, offset: 10 }, [
      page({ items: [1, 2] }),
      page({ items: [3] }),
    ]);
    expect(inputs).toEqual([
      { limit: 2, offset: 10 },
      { limit: 2, offset: 12 },
    ]);
  });
});

describe("Link pagination", () => {
  const link = { style: "link" } as const satisfies PaginationDefinition;
  const linked = async (header: string) => (await walk(link, {}, [page([1], { link: header })])).urls;

  it.each([
    ['<https://api.example.test/items?page=2>; rel="next"'],
    ["<https://api.example.test/items?page=2>;rel=next"],
    ['<https://api.example.test/items?page=2>; rel = "next"'],
    ['<https://api.example.test/items?page=2>; REL="NEXT"'],
    ['<https://api.example.test/items?page=2>; rel="prev next"'],
    ['<https://api.example.test/items?page=2>; rel="next last"'],
    ['<https://api.example.test/items?page=1>; rel="prev", <https://api.example.test/items?page=2>; rel="next"'],
    ['</items?page=2>; title="x"; rel="next"'],
  ])("follows the next target of %s", async (header) => {
    expect(await linked(header)).toEqual(["https://api.example.test/items?page=2"]);
  });

  it.each([
    ['<https://api.example.test/items?page=1>; rel="prev"'],
    ['<https://api.example.test/items?page=2>; rel="nextpage"'],
    ['<https://api.example.test/items?page=2>; title="next"'],
  ])("follows nothing for %s", async (header) => {
    expect(await linked(header)).toEqual([]);
  });
});
