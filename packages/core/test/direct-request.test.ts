/**
 * Named methods build their Request themselves while a client has no middleware, and go through
 * openapi-fetch once it has. Both paths must put the same bytes on the wire and give the caller
 * the same result, for every way an operation can take its input. A real loopback server records
 * what arrived; a no-op middleware is what switches a client to the openapi-fetch path.
 */
import { type Fault, type FaultServer, type ReceivedRequest, startFaultServer } from "@specsdk/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ClientOptions } from "../src/client-options.js";
import { createProviderClient } from "../src/create-client.js";
import { ApiError, NotFoundError, UnsafePathParameterError } from "../src/errors.js";
import type { CredentialPlacement, OperationDefinition, ProviderDefinition } from "../src/provider-definition.js";

const KEY = "direct-secret-key";
const SERVER = "https://api.example.test";

function operation(method: OperationDefinition["method"], path: string, extra: Partial<OperationDefinition> = {}) {
  return {
    method,
    path,
    serverUrl: SERVER,
    pathParams: [...path.matchAll(/\{[.;]?(\w+)\*?\}/g)].map((match) => match[1] as string),
    queryParams: [],
    headerParams: [],
    cookieParams: [],
    bodyInput: "none",
    authenticated: true,
    idempotent: method !== "post" && method !== "patch",
    ...extra,
  } satisfies OperationDefinition;
}

const OPERATIONS = {
  getItem: operation("get", "/items/{id}/{version}", {
    queryParams: ["tags", "filter", "q"],
    headerParams: ["X-Trace"],
  }),
  getLabel: operation("get", "/labels/{.name}"),
  withCookie: operation("get", "/session", { cookieParams: ["session"] }),
  createItem: operation("post", "/items", { bodyInput: "fields", queryParams: ["dryRun"] }),
  putBody: operation("put", "/items/{id}/body", { bodyInput: "property" }),
  patchForm: operation("patch", "/items/{id}", {
    bodyInput: "property",
    bodyMediaType: "application/x-www-form-urlencoded",
  }),
  upload: operation("post", "/uploads", { bodyInput: "property", bodyMediaType: "multipart/form-data" }),
  uploadFields: operation("post", "/uploads/fields", { bodyInput: "fields", bodyMediaType: "multipart/form-data" }),
  putText: operation("put", "/notes/{id}", { bodyInput: "property", bodyMediaType: "text/plain" }),
  clash: operation("post", "/clash/{id}", { inputShape: "grouped", queryParams: ["id"], bodyInput: "property" }),
  download: operation("get", "/files/{id}", { successParse: "blob" }),
  elsewhere: operation("delete", "/other/{id}", { serverUrl: "https://other.example.test/v2" }),
  open: operation("get", "/public", { authenticated: false }),
} as const;

function provider(placement: CredentialPlacement): ProviderDefinition {
  return {
    name: "direct",
    displayName: "Direct",
    defaultBaseUrl: SERVER,
    auth: { envVar: "DIRECT_API_KEY", placement },
    operations: OPERATIONS,
  };
}

type Named = Record<string, (input?: unknown, options?: unknown) => Promise<unknown>>;

function client(
  placement: CredentialPlacement,
  baseUrl: string,
  viaOpenapiFetch: boolean,
  options: ClientOptions = {},
) {
  const created = createProviderClient<{}, Named>(provider(placement), {
    apiKey: KEY,
    baseUrl,
    maxRetries: 0,
    ...options,
  });
  if (viaOpenapiFetch) created.use({ onRequest: () => undefined });
  return created;
}

/** What a server sees of a request, minus what differs per connection. */
function wire(request: ReceivedRequest | undefined) {
  const { host, connection, "content-length": _length, ...headers } = request?.headers ?? {};
  const body = request?.body.replace(/----[-\w]+/g, "<boundary>");
  const contentType = String(headers["content-type"] ?? "").replace(/boundary=.*/, "boundary=<boundary>");
  return { method: request?.method, url: request?.url, headers: { ...headers, "content-type": contentType }, body };
}

/** Responses both paths must turn into the same result: JSON, text, empty, 204, error bodies, invalid JSON. */
const RESPONSE_KINDS: readonly Fault[] = [
  { kind: "respond", status: 200, body: { ok: true } },
  { kind: "respond", status: 200, body: "plain", headers: { "content-type": "text/plain" } },
  { kind: "respond", status: 200, body: "", headers: { "content-type": "application/json" } },
  { kind: "respond", status: 204 },
  { kind: "respond", status: 404, body: { error: "missing" } },
  { kind: "respond", status: 502, body: "<html>bad gateway</html>", headers: { "content-type": "text/html" } },
  { kind: "respond", status: 200, body: "{not json", headers: { "content-type": "application/json" } },
];

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset({ kind: "respond", status: 200, body: { ok: true } }));

/** Calls `name` on both paths; returns what arrived and what each resolved or threw. */
async function bothPaths(
  placement: CredentialPlacement,
  name: string,
  input: () => unknown,
  options: () => unknown = () => undefined,
  clientOptions: ClientOptions = {},
) {
  const sent: ReturnType<typeof wire>[] = [];
  const outcomes: unknown[] = [];
  for (const viaOpenapiFetch of [false, true]) {
    server.requests.length = 0;
    const named = client(placement, server.url, viaOpenapiFetch, clientOptions)[name] as Named[string];
    outcomes.push(await named(input(), options()).catch((error: unknown) => error));
    sent.push(wire(server.requests[0]));
  }
  return { direct: sent[0], openapiFetch: sent[1], outcomes };
}

const CASES: [string, () => unknown, (() => unknown)?][] = [
  [
    "getItem",
    () => ({ id: "a b/c", version: 3, tags: ["x", "y z"], filter: { kind: "k" }, q: "ü&=", "X-Trace": "t-1" }),
    () => ({ headers: { "X-Extra": "e" } }),
  ],
  ["getLabel", () => ({ name: "n" })],
  ["withCookie", () => ({ session: "s 1" })],
  ["createItem", () => ({ name: "a", tags: ["x"], nested: { n: 1 }, dryRun: true })],
  ["putBody", () => ({ id: "1", body: { value: [1, 2] } })],
  ["patchForm", () => ({ id: "1", body: { a: "1", b: "x y" } })],
  ["upload", () => ({ body: { name: "a", file: new Blob(["content"], { type: "text/plain" }) } })],
  ["uploadFields", () => ({ name: "a", file: new Blob(["content"], { type: "text/plain" }) })],
  ["putText", () => ({ id: "1", body: "plain text" })],
  ["clash", () => ({ path: { id: "p" }, query: { id: "q" }, body: { id: "b" } })],
  ["download", () => ({ id: "1" })],
  ["elsewhere", () => ({ id: "1" })],
  ["open", () => ({})],
];

describe("named methods: the direct path sends what openapi-fetch would", () => {
  const placements: CredentialPlacement[] = [
    { in: "bearer" },
    { in: "query", name: "api_key" },
    { in: "body", name: "key" },
    { in: "cookie", name: "token" },
    { in: "header", name: "X-Api-Key" },
  ];
  for (const placement of placements) {
    it(`same method, URL, headers and body for every input shape (credential in ${placement.in})`, async () => {
      for (const [name, input, options] of CASES) {
        const { direct, openapiFetch } = await bothPaths(placement, name, input, options);
        expect(direct, name).toEqual(openapiFetch);
        expect(direct?.url, name).toBeDefined();
      }
    });
  }

  it("a per-operation server is used unless the client's baseUrl was set (then it is the client's)", async () => {
    // The fault server answers at any path; with the default base URL the operation's own server
    // would be used, which is not reachable here, so compare the URL each path builds instead.
    const urls: string[] = [];
    for (const viaOpenapiFetch of [false, true]) {
      const named = client({ in: "bearer" }, SERVER, viaOpenapiFetch, {
        baseUrl: undefined,
        fetch: async (request: Request) => {
          urls.push(request.url);
          return Response.json({ ok: true });
        },
      }) as Named;
      await named.elsewhere?.({ id: "1" });
      await named.getLabel?.({ name: "n" });
    }
    expect(urls).toEqual([
      "https://other.example.test/v2/other/1",
      `${SERVER}/labels/.n`,
      "https://other.example.test/v2/other/1",
      `${SERVER}/labels/.n`,
    ]);
  });

  it("the same result or error on both paths: JSON, text, Blob, empty, 404 with a body, HTML error page", async () => {
    for (const response of RESPONSE_KINDS) {
      for (const name of ["getLabel", "download"]) {
        server.reset(response);
        const { outcomes } = await bothPaths({ in: "bearer" }, name, () => ({ name: "n", id: "1" }));
        const [direct, openapiFetch] = await Promise.all(outcomes.map(describeOutcome));
        expect(direct, `${name} ← ${JSON.stringify(response)}`).toEqual(openapiFetch);
      }
    }
    server.reset({ kind: "respond", status: 404, body: { error: "missing" } });
    const { outcomes } = await bothPaths({ in: "bearer" }, "getLabel", () => ({ name: "n" }));
    expect(outcomes[0]).toBeInstanceOf(NotFoundError);
  });

  it("a body credential travels in JSON bodies, not in multipart ones (FormData is left as built)", async () => {
    const key = { in: "body", name: "key" } as const;
    const { direct: json } = await bothPaths(key, "createItem", () => ({ name: "a" }));
    expect(JSON.parse(json?.body ?? "")).toEqual({ name: "a", key: KEY });
    const { direct: multipart } = await bothPaths(key, "uploadFields", () => ({ name: "a" }));
    expect(multipart?.body).toContain('name="name"');
    expect(multipart?.body).not.toContain(KEY);
  });

  it("an unsafe path parameter is refused before anything is sent, on both paths", async () => {
    const { outcomes } = await bothPaths({ in: "bearer" }, "getItem", () => ({ id: "..", version: 1 }));
    for (const outcome of outcomes) expect(outcome).toBeInstanceOf(UnsafePathParameterError);
    expect(server.requests).toHaveLength(0);
  });
});

async function describeOutcome(outcome: unknown) {
  if (outcome instanceof ApiError) {
    return { error: outcome.constructor.name, status: outcome.status, body: outcome.body, message: outcome.message };
  }
  // Other errors name the path differently (openapi-fetch passes the serializer the whole URL).
  if (outcome instanceof Error) return { error: outcome.constructor.name };
  if (outcome instanceof Blob) return { blob: await outcome.text(), type: outcome.type };
  return { value: outcome };
}

type RawCall = (
  path: string,
  init?: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

describe("raw calls: the direct path sends and returns what openapi-fetch would", () => {
  const RAW_CASES: [method: string, path: string, init: () => Record<string, unknown>][] = [
    [
      "GET",
      "/items/{id}/{version}",
      () => ({ params: { path: { id: "a b", version: 2 }, query: { tags: ["x", "y"], q: "ü&" } } }),
    ],
    ["GET", "/items/{id}/{version}", () => ({ params: { path: { id: "1", version: 1 }, header: { "X-Trace": "t" } } })],
    ["POST", "/items", () => ({ body: { name: "a", nested: { n: [1] } }, params: { query: { dryRun: true } } })],
    [
      "PUT",
      "/notes/{id}",
      () => ({
        params: { path: { id: "1" } },
        body: "text",
        bodySerializer: (body: unknown) => body,
        headers: { "Content-Type": "text/plain" },
      }),
    ],
    [
      "PATCH",
      "/items/{id}",
      () => ({
        params: { path: { id: "1" } },
        body: { a: "1" },
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
    ],
    [
      "DELETE",
      "/other/{id}",
      () => ({ params: { path: { id: "1" } }, headers: { Authorization: null, "X-Extra": ["a", "b"] } }),
    ],
    ["GET", "/public", () => ({ baseUrl: `${server.url}/v2/` })],
    ["HEAD", "/public", () => ({})],
  ];

  for (const placement of [{ in: "bearer" }, { in: "query", name: "api_key" }, { in: "body", name: "key" }] as const) {
    it(`same request for each raw call (credential in ${placement.in})`, async () => {
      for (const [method, path, init] of RAW_CASES) {
        const sent: ReturnType<typeof wire>[] = [];
        for (const viaOpenapiFetch of [false, true]) {
          server.requests.length = 0;
          const raw = client(placement, server.url, viaOpenapiFetch) as unknown as Record<string, RawCall>;
          const { response } = await (raw[method] as RawCall)(path, init());
          expect(response.status, `${method} ${path}`).toBe(200);
          sent.push(wire(server.requests[0]));
        }
        expect(sent[0], `${method} ${path}`).toEqual(sent[1]);
      }
    });
  }

  it("the same { data, error } for every parseAs and response kind", async () => {
    for (const response of RESPONSE_KINDS) {
      for (const parseAs of ["json", "text", "blob", "arrayBuffer", "stream"] as const) {
        const results: unknown[] = [];
        for (const viaOpenapiFetch of [false, true]) {
          server.reset(response);
          const raw = client({ in: "bearer" }, server.url, viaOpenapiFetch) as unknown as Record<string, RawCall>;
          const result = await (raw.GET as RawCall)("/public", { parseAs }).catch((error: unknown) => ({
            threw: error,
          }));
          results.push(await describeRaw(result));
        }
        expect(results[0], `${parseAs} ← ${JSON.stringify(response)}`).toEqual(results[1]);
      }
    }
  });

  it("a custom bodySerializer gets a Headers of its own for each call, as from coreFetch", async () => {
    const raw = client({ in: "bearer" }, server.url, false) as unknown as Record<string, RawCall>;
    const seen: (string | null)[] = [];
    const bodySerializer = (body: unknown, headers: Headers) => {
      seen.push(headers.get("authorization"));
      headers.set("x-changed", "1"); // must not reach this or any later request
      return JSON.stringify(body);
    };
    await (raw.POST as RawCall)("/items", { body: { a: 1 }, bodySerializer });
    await (raw.GET as RawCall)("/public");
    expect(seen).toEqual([`Bearer ${KEY}`]);
    expect(server.requests.map((request) => request.headers["x-changed"])).toEqual([undefined, undefined]);
  });

  it("client.request() with a method HTTP clients do not have rejects (it does not throw synchronously)", async () => {
    const raw = client({ in: "bearer" }, server.url, false) as unknown as {
      request: RawCall & ((m: string, p: string) => Promise<unknown>);
    };
    const pending = (raw.request as unknown as (method: string, path: string) => Promise<unknown>)("query", "/public");
    await expect(pending).rejects.toThrow("Unsupported HTTP method query");
  });

  it("a raw call with an option the direct path does not handle still works (through openapi-fetch)", async () => {
    const raw = client({ in: "bearer" }, server.url, false) as unknown as Record<string, RawCall>;
    await (raw.GET as RawCall)("/items/{id}/{version}", {
      params: { path: { id: "1", version: 1 }, query: { tags: ["a", "b"] } },
      querySerializer: { array: { style: "form", explode: false } },
    });
    expect(server.requests[0]?.url).toBe("/items/1/1?tags=a,b");
  });
});

async function describeRaw(result: unknown) {
  if (typeof result === "object" && result !== null && "threw" in result) {
    const error = (result as { threw: unknown }).threw;
    return { threw: error instanceof Error ? error.name : String(error) };
  }
  const { data, error, response } = result as { data?: unknown; error?: unknown; response: Response };
  return {
    data: await readable(data),
    error: await readable(error),
    status: response.status,
    hasData: "data" in (result as object),
  };
}

async function readable(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: await value.text(), type: value.type };
  if (value instanceof ArrayBuffer) return { arrayBuffer: new TextDecoder().decode(value) };
  if (value instanceof ReadableStream) return { stream: await new Response(value).text() };
  return value;
}
