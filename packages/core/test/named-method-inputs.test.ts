/**
 * How a named method's single argument becomes the request a server receives (path, query, header
 * and cookie parameters, body fields or a whole body, grouped inputs, per-call options), and how
 * its success body is decoded, checked on the requests a loopback fault server records.
 */
import { describe, expect, it } from "vitest";
import type { ApiPromise } from "../src/api-promise.js";
import type { CallOptions } from "../src/client-options.js";
import { createProviderClient } from "../src/create-client.js";
import { deepObjectQuery } from "../src/deep-object-query.js";
import { ApiError, ClientConfigurationError } from "../src/errors.js";
import type { Features } from "../src/named-methods.js";
import { paginate } from "../src/pagination.js";
import type { ProviderDefinition } from "../src/provider-definition.js";
import { encodeBody } from "../src/request-body.js";
import { faultServerForFile } from "./fault-server-suite.js";
import { operation } from "./fixture-provider.js";

const server = await faultServerForFile();
const KEY = "inputs-key-1234";

const provider = {
  name: "inputs",
  displayName: "Inputs",
  defaultBaseUrl: "https://api.example.test",
  auth: { envVar: "INPUTS_API_KEY", placement: { in: "bearer" } },
  operations: {
    getThing: operation("get", "/things/{id}", {
      pathParams: ["id"],
      queryParams: ["q", "tags"],
      headerParams: ["x-trace"],
      cookieParams: ["session", "theme"],
    }),
    putThing: operation("put", "/things/{id}", { pathParams: ["id"], queryParams: ["dry_run"], bodyInput: "fields" }),
    putNote: operation("post", "/notes", { bodyInput: "property", bodyMediaType: "text/plain" }),
    grouped: operation("post", "/grouped/{id}", {
      pathParams: ["id"],
      queryParams: ["id"],
      bodyInput: "property",
      inputShape: "grouped",
    }),
    download: operation("get", "/file", { successParse: "blob" }),
    read: operation("get", "/read"),
    list: operation("get", "/list", { queryParams: ["tag", "page"], pagination: { style: "link" } }),
  },
} as const satisfies ProviderDefinition;

type Method = (input?: Record<string, unknown>, options?: CallOptions) => ApiPromise<unknown>;
type Methods = Record<keyof typeof provider.operations, Method>;

// `encodeBody` is passed for the text/plain operation by runtimes that take it as a feature, and ignored by others.
const features = { paginate, encodeBody } as Features;
const client = () => createProviderClient<{}, Methods>(provider, { apiKey: KEY, baseUrl: server.url }, features);
const only = () => {
  expect(server.requests).toHaveLength(1);
  const [request] = server.requests;
  return { ...request!, target: new URL(request!.url, server.url) };
};

describe("a flat argument", () => {
  it("is split into path, query, header and cookie parameters; undefined ones are left out", async () => {
    await client().getThing({ id: "a b", q: "x&y", tags: undefined, "x-trace": "t-1", session: "s;1", theme: "dark" });
    const { method, target, headers, body } = only();
    expect(method).toBe("GET");
    expect(target.pathname).toBe("/things/a%20b");
    expect(target.search).toBe("?q=x%26y");
    expect(headers["x-trace"]).toBe("t-1");
    expect(headers.cookie).toBe("session=s%3B1; theme=dark");
    expect(headers.authorization).toBe(`Bearer ${KEY}`);
    expect(body).toBe("");
  });

  it("without cookie parameters sends no Cookie header", async () => {
    await client().getThing({ id: "1" });
    expect(only().headers.cookie).toBeUndefined();
  });

  it("sends the fields that are not parameters as the body", async () => {
    await client().putThing({ id: "7", dry_run: true, name: "n", size: 2 });
    const { method, target, body, headers } = only();
    expect([method, target.pathname, target.search]).toEqual(["PUT", "/things/7", "?dry_run=true"]);
    expect(JSON.parse(body)).toEqual({ name: "n", size: 2 });
    expect(headers["content-type"]).toBe("application/json");
  });

  it("sends `body` as the whole body, in the operation's media type", async () => {
    await client().putNote({ body: "plain words" });
    const { body, headers } = only();
    expect(body).toBe("plain words");
    expect(headers["content-type"]).toBe("text/plain");
  });
});

describe("a grouped argument", () => {
  it("keeps parameters of the same name apart by location", async () => {
    await client().grouped({ path: { id: "p" }, query: { id: "q" }, body: { x: 1 } });
    const { target, body } = only();
    expect(`${target.pathname}${target.search}`).toBe("/grouped/p?id=q");
    expect(JSON.parse(body)).toEqual({ x: 1 });
  });
});

describe("per-call options", () => {
  it("headers are added to those the body's encoding sets", async () => {
    await client().putNote({ body: "n" }, { headers: { "x-extra": "1" } });
    const { headers } = only();
    expect([headers["x-extra"], headers["content-type"]]).toEqual(["1", "text/plain"]);
  });

  it("maxRetries and timeout apply to that call", async () => {
    server.script({ kind: "respond", status: 503, body: { message: "busy" } });
    await expect(client().read({}, { maxRetries: 0 })).rejects.toBeInstanceOf(ApiError);
    expect(server.requests).toHaveLength(1);
    server.reset({ kind: "hang" });
    const started = performance.now();
    await expect(client().read({}, { timeout: 100, maxRetries: 0 })).rejects.toThrow(/timed out/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("a signal aborts that call", async () => {
    server.script({ kind: "hang" });
    const controller = new AbortController();
    const call = client().read({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toThrow(/aborted by the caller/);
  });
});

describe("a success body", () => {
  const respond = (headers: Record<string, string>, body: string) =>
    server.script({ kind: "respond", status: 200, headers, body });

  it.each([
    ["application/json", '{"a":1}', { a: 1 }],
    ["application/vnd.api+json; charset=utf-8", '{"a":2}', { a: 2 }],
    ["text/plain", '{"a":3}', '{"a":3}'],
    ["text/plain", "just text", "just text"],
    ["application/json", "", undefined],
  ])("%s %j decodes to %j", async (contentType, text, expected) => {
    respond({ "content-type": contentType }, text);
    expect(await client().read()).toEqual(expected);
  });

  it("withResponse() gives the request id when the server sends one, undefined otherwise", async () => {
    respond({ "content-type": "application/json", "x-request-id": "req_5" }, "{}");
    expect((await client().read().withResponse()).requestId).toBe("req_5");
    respond({ "content-type": "application/json" }, "{}");
    expect((await client().read().withResponse()).requestId).toBeUndefined();
  });

  it("of a blob operation is a Blob", async () => {
    respond({ "content-type": "image/png" }, "PNGDATA");
    const data = await client().download();
    expect(data).toBeInstanceOf(Blob);
    expect(await (data as Blob).text()).toBe("PNGDATA");
  });
});

describe("Link pagination", () => {
  it("the next page's URL is requested with its repeated query parameters kept", async () => {
    server.script(
      {
        kind: "respond",
        status: 200,
        headers: { link: `<${server.url}/list?tag=a&tag=b&tag=c&page=2>; rel="next"` },
        body: [{ id: 1 }],
      },
      { kind: "respond", status: 200, body: [{ id: 2 }] },
    );
    const items: unknown[] = [];
    for await (const item of client().list({ tag: "a" }) as unknown as AsyncIterable<unknown>) items.push(item);
    expect(items).toEqual([{ id: 1 }, { id: 2 }]);
    expect(server.requests.map((request) => request.url)).toEqual(["/list?tag=a", "/list?tag=a&tag=b&tag=c&page=2"]);
  });

  it("a paginated operation without the paginate feature is refused at creation, by name", () => {
    expect(() =>
      createProviderClient(provider, { apiKey: KEY, baseUrl: server.url }, { ...features, paginate: undefined }),
    ).toThrow(new ClientConfigurationError("Inputs client: list() needs the `paginate` feature"));
  });
});

describe("deepObject query parameters (Stripe's GET /v1/credit_notes/preview)", () => {
  const stripe = {
    ...provider,
    operations: {
      preview: operation("get", "/v1/credit_notes/preview", {
        queryParams: ["invoice", "lines", "expand", "ids"],
        queryDeepObjects: ["lines", "expand"],
      }),
    },
  } as const satisfies ProviderDefinition;
  const stripeClient = (extra: Features = { deepObjectQuery }) =>
    createProviderClient<Record<string, never>, Record<"preview", Method>>(
      stripe,
      { apiKey: KEY, baseUrl: server.url },
      extra,
    );
  const query = {
    invoice: "in 1",
    lines: [{ type: "custom_line_item", tax_rates: ["txr_1", "txr_2"], meta: { note: "a+b c" } }],
    expand: ["lines"],
    ids: ["x", "y"],
  };
  // The server's view: names and values decoded, in the order sent.
  const sent = () => [...only().target.searchParams].map(([name, value]) => `${name}=${value}`);
  const expected = [
    "lines[0][type]=custom_line_item",
    "lines[0][tax_rates][0]=txr_1",
    "lines[0][tax_rates][1]=txr_2",
    "lines[0][meta][note]=a+b c",
    "expand[0]=lines",
    "invoice=in 1",
    "ids=x",
    "ids=y",
  ];

  it("named: nested values in brackets at any depth, arrays by index; the other parameters as openapi-fetch sends them", async () => {
    await stripeClient().preview(query);
    expect(sent()).toEqual(expected);
    expect(only().target.search).not.toContain("+");
  });

  it("raw: the same query, from the operation table", async () => {
    const raw = stripeClient() as unknown as {
      GET(path: string, init: object): Promise<{ error?: unknown; response: Response }>;
    };
    const { error } = await raw.GET("/v1/credit_notes/preview", { params: { query } });
    expect(error).toBeUndefined();
    expect(sent()).toEqual(expected);
  });

  it("a call's own querySerializer wins", async () => {
    const raw = stripeClient() as unknown as { GET(path: string, init: object): Promise<unknown> };
    await raw.GET("/v1/credit_notes/preview", {
      params: { query: { invoice: "in_1" } },
      querySerializer: () => "own=1",
    });
    expect(only().target.search).toBe("?own=1");
  });

  it("without the feature, openapi-fetch's own serializer refuses the nested value", async () => {
    await expect(stripeClient({}).preview(query)).rejects.toThrow(/Deeply-nested arrays\/objects/);
    expect(server.requests).toHaveLength(0);
  });
});
