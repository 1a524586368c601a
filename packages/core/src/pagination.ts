import { ApiPromise, type WithResponse } from "./api-promise.js";
import { SpecSdkError } from "./errors.js";
import type { PaginationDefinition } from "./provider-definition.js";

type Input = Record<string, unknown>;

/** How a paginated named method fetches a page: by its input, or (Link pagination) by a URL. */
export interface PageSource {
  byInput(input: Input): Promise<WithResponse<unknown>>;
  byUrl(url: URL): Promise<WithResponse<unknown>>;
}

interface Walk<Page, Item> {
  items(page: Page): Item[];
  /** The page after `page` (which was fetched with `input`), or undefined at the end. */
  next(page: WithResponse<Page>, input: Input): { input: Input; page: Promise<WithResponse<Page>> } | undefined;
}

/**
 * What a named method of a paginated operation returns: awaiting it gives the first page's body,
 * as for any named method; iterating it (`for await (const item of client.listX())`) gives every
 * item of every page, fetching each page only when the previous one is used up; `.pages()` gives
 * the pages themselves, each with its response.
 */
export class PagePromise<Page, Item> extends ApiPromise<Page> implements AsyncIterable<Item> {
  readonly #input: Input;
  readonly #walk: Walk<Page, Item>;

  constructor(input: Input, first: Promise<WithResponse<Page>>, walk: Walk<Page, Item>) {
    super(first);
    this.#input = input;
    this.#walk = walk;
  }

  async *pages(): AsyncGenerator<WithResponse<Page>, void, undefined> {
    let input = this.#input;
    let page = this.withResponse();
    for (;;) {
      const current = await page;
      yield current;
      const next = this.#walk.next(current, input);
      if (next === undefined) return;
      ({ input, page } = next);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const { data } of this.pages()) yield* this.#walk.items(data);
  }
}

/** The value at a dotted path (`meta.next_cursor`). */
function read(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split(".")) node = (node as Record<string, unknown> | null | undefined)?.[key];
  return node;
}

/** A copy of `input` with the value at a dotted path replaced (objects along the path are copied). */
function write(input: Input, path: string, value: unknown): Input {
  const [key, ...rest] = path.split(".") as [string, ...string[]];
  const child = input[key];
  const inner = typeof child === "object" && child !== null ? (child as Input) : {};
  return { ...input, [key]: rest.length === 0 ? value : write(inner, rest.join("."), value) };
}

/** The `rel="next"` target of an RFC 8288 `Link` header, resolved against the page's URL. */
function nextLink(header: string | null, pageUrl: string): URL | undefined {
  for (const [, target, params] of (header ?? "").matchAll(/<([^>]*)>([^,]*)/g)) {
    if (/;\s*rel\s*=\s*"?([^";]*\s)?next[\s";]/i.test(`${params};`)) return new URL(target as string, pageUrl);
  }
  return undefined;
}

/**
 * Wraps the first page's call in a PagePromise that knows how to ask for the next one.
 * Passed to `createProviderClient` by generated clients of paginated operations, so it is only
 * bundled where it is used.
 */
export function paginate(
  definition: PaginationDefinition,
  input: Input,
  source: PageSource,
): PagePromise<unknown, unknown> {
  const items = (page: unknown): unknown[] => {
    const list = definition.items === undefined ? page : read(page, definition.items);
    return Array.isArray(list) ? list : [];
  };
  const byInput = (next: Input) => ({ input: next, page: source.byInput(next) });

  const next: Walk<unknown, unknown>["next"] = ({ data, response }, current) => {
    const list = items(data);
    switch (definition.style) {
      case "cursor": {
        if (definition.hasMore !== undefined && read(data, definition.hasMore) !== true) return undefined;
        const { nextCursor } = definition;
        const cursor =
          "field" in nextCursor ? read(data, nextCursor.field) : read(list.at(-1), nextCursor.lastItemField);
        // No cursor, or the one just used (a server that would repeat the page forever): the end.
        if (
          cursor === undefined ||
          cursor === null ||
          cursor === "" ||
          cursor === read(current, definition.cursorParam)
        ) {
          return undefined;
        }
        return byInput(write(current, definition.cursorParam, cursor));
      }
      case "offset": {
        const limit = definition.limitParam === undefined ? undefined : read(current, definition.limitParam);
        if (list.length === 0 || (typeof limit === "number" && list.length < limit)) return undefined;
        const offset = Number(read(current, definition.offsetParam) ?? 0) + list.length;
        return byInput(write(current, definition.offsetParam, offset));
      }
      case "link": {
        const url = nextLink(response.headers.get("link"), response.url);
        if (url === undefined || url.href === response.url) return undefined;
        if (url.origin !== new URL(response.url).origin) {
          throw new SpecSdkError(`The next page's link points to another origin (${url.origin}); not followed`);
        }
        return { input: current, page: source.byUrl(url) };
      }
    }
  };
  return new PagePromise(input, source.byInput(input), { items, next });
}
