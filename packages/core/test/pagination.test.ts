/**
 * Auto-pagination against a server that pages for real (the fault server's `pages` fault reads the
 * cursor, page or offset the client sends): every item, in order, each page fetched only when needed.
 */
import { describe, expect, it } from "vitest";
import { SpecSdkError } from "../src/errors.js";
import { faultServerForFile } from "./fault-server-suite.js";
import { FIXTURE_KEY, fixtureClient } from "./fixture-provider.js";

const server = await faultServerForFile();
const other = await faultServerForFile();

const ids = (count: number) => Array.from({ length: count }, (_, index) => `item_${index + 1}`);
const queries = () => server.requests.map((request) => new URL(request.url, server.url).search);

async function take<T>(iterable: AsyncIterable<T>, count = Number.POSITIVE_INFINITY): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length >= count) break;
  }
  return items;
}

describe.each([
  ["link", "listLinked", { per_page: 10 }, ["?per_page=10", "?per_page=10&page=2", "?per_page=10&page=3"]],
  [
    "cursor",
    "listCursor",
    { limit: 10 },
    ["?limit=10", "?starting_after=item_10&limit=10", "?starting_after=item_20&limit=10"],
  ],
  ["offset", "listOffset", { limit: 10 }, ["?limit=10", "?limit=10&offset=10", "?limit=10&offset=20"]],
] as const)("%s pagination", (style, method, input, expectedQueries) => {
  it("iterating gives every item of every page, in order, with the credential on each request", async () => {
    server.script({ kind: "pages", style, total: 25 });
    const items = await take(fixtureClient(server.url)[method](input));
    expect(items.map((item) => item.id)).toEqual(ids(25));
    expect(queries()).toEqual(expectedQueries);
    for (const request of server.requests) expect(request.headers.authorization).toBe(`Bearer ${FIXTURE_KEY}`);
  });

  it("fetches a page only when the items before it are used up", async () => {
    server.script({ kind: "pages", style, total: 25 });
    const items = await take(fixtureClient(server.url)[method](input), 12);
    expect(items).toHaveLength(12);
    expect(server.requests).toHaveLength(2);
  });

  it("awaiting gives the first page's body; pages() gives each page with its response", async () => {
    server.script({ kind: "pages", style, total: 25 });
    const client = fixtureClient(server.url);
    const first = await client[method](input);
    expect(first).toBeTypeOf("object");
    expect(server.requests).toHaveLength(1);
    const pages = await take<{ response: Response }>(client[method](input).pages());
    expect(pages.map((page) => page.response.status)).toEqual([200, 200, 200]);
    expect(server.requests).toHaveLength(4);
  });

  it("an empty list ends after one request", async () => {
    server.script({ kind: "pages", style, total: 0 });
    expect(await take(fixtureClient(server.url)[method](input))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("pagination safety", () => {
  it("a Link to another origin is refused before anything is sent there", async () => {
    server.script({
      kind: "respond",
      status: 200,
      headers: { link: `<${other.url}/linked?page=2>; rel="next"` },
      body: [{ id: "item_1" }],
    });
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const item of fixtureClient(server.url).listLinked()) seen.push(item.id);
    } catch (caught) {
      error = caught;
    }
    expect(seen).toEqual(["item_1"]);
    expect(error).toBeInstanceOf(SpecSdkError);
    expect((error as Error).message).toMatch(/another origin/);
    expect(other.requests).toHaveLength(0);
  });

  it("a server that keeps answering with the same cursor does not loop forever", async () => {
    server.script({ kind: "respond", status: 200, body: { data: [{ id: "item_1" }], has_more: true } });
    const items = await take(fixtureClient(server.url).listCursor());
    expect(items.map((item) => item.id)).toEqual(["item_1", "item_1"]);
    expect(server.requests).toHaveLength(2);
  });

  it("a Link pointing at the page itself ends the walk", async () => {
    server.script({
      kind: "respond",
      status: 200,
      headers: { link: `<${server.url}/linked>; rel="next"` },
      body: [{ id: "item_1" }],
    });
    expect(await take(fixtureClient(server.url).listLinked())).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
  });
});
