/**
 * What the client adds to every call before openapi-fetch builds the request, seen on the requests a
 * loopback fault server receives: the credential in the query or body (a value the caller passed
 * wins), the credential cookie kept in a call's own Cookie header, an operation's own server, raw
 * calls for every method, and which undeclared routes are retried.
 */
import { describe, expect, it } from "vitest";
import { createProviderClient } from "../src/create-client.js";
import type { CredentialPlacement, OperationDefinition, ProviderDefinition } from "../src/provider-definition.js";
import { faultServerForFile } from "./fault-server-suite.js";
import { operation } from "./fixture-provider.js";

const server = await faultServerForFile();
const KEY = "calls-key-5678";

/** Named methods take an input, raw calls a path and an init: one loose signature for both here. */
type Call = (first?: unknown, init?: Record<string, unknown>) => Promise<{ response: Response }>;
type Names = "send" | "open" | "ping" | "elsewhere" | "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH";

function clientFor(
  placement: CredentialPlacement,
  extra: Record<string, OperationDefinition> = {},
  baseUrl = server.url,
) {
  const provider = {
    name: "calls",
    displayName: "Calls",
    defaultBaseUrl: "https://api.example.test",
    auth: { envVar: "CALLS_API_KEY", placement },
    operations: {
      send: operation("post", "/send", { bodyInput: "fields" }),
      open: operation("post", "/open", { bodyInput: "fields", authenticated: false }),
      ping: operation("get", "/ping", { idempotent: false }),
      ...extra,
    },
  } satisfies ProviderDefinition;
  const options = { apiKey: KEY, ...(baseUrl === undefined ? {} : { baseUrl }) };
  return createProviderClient(provider, options) as unknown as Record<Names, Call> & Record<string, Call>;
}

const sent = () => server.requests.map((request) => ({ ...request, target: new URL(request.url, server.url) }));
const bodies = () => server.requests.map((request) => (request.body === "" ? undefined : JSON.parse(request.body)));

describe("a credential in the query", () => {
  const client = () => clientFor({ in: "query", name: "key" });

  it("is added to authenticated operations only", async () => {
    await client().send({ a: 1 });
    await client().open({ a: 1 });
    expect(sent().map(({ target }) => target.search)).toEqual([`?key=${KEY}`, ""]);
  });

  it("keeps the caller's other query parameters, and a key the caller passed wins", async () => {
    await client().POST("/send", { params: { query: { page: 2 } } });
    await client().POST("/send", { params: { query: { key: "callers-own" } } });
    expect(sent().map(({ target }) => target.search)).toEqual([`?page=2&key=${KEY}`, "?key=callers-own"]);
  });
});

describe("a credential in the body", () => {
  const client = () => clientFor({ in: "body", name: "key" });

  it("is added to an authenticated operation's body, created when there is none", async () => {
    await client().send({ a: 1 });
    await client().POST("/send", {});
    await client().open({ a: 1 });
    expect(bodies()).toEqual([{ a: 1, key: KEY }, { key: KEY }, { a: 1 }]);
  });

  it("fills a key the caller left null, keeps one the caller set", async () => {
    await client().send({ key: null, a: 1 });
    await client().send({ key: "callers-own" });
    expect(bodies()).toEqual([{ key: KEY, a: 1 }, { key: "callers-own" }]);
  });

  it("a null body is sent as the caller wrote it, without the key", async () => {
    await client().POST("/send", { body: null });
    expect(server.requests.map((request) => request.body)).toEqual(["null"]);
  });

  it("is not added to an operation without a body, nor to a body that is not an object", async () => {
    await client().ping();
    await client().POST("/send", { body: ["x"] });
    expect(bodies()).toEqual([undefined, ["x"]]);
  });
});

describe("a credential cookie", () => {
  it.each(["cookie", "Cookie"])("is kept when a call sends its own %s header", async (name) => {
    await clientFor({ in: "cookie", name: "sid" }).POST("/send", { headers: { [name]: "theme=dark" } });
    expect(server.requests[0]?.headers.cookie).toBe(`sid=${KEY}; theme=dark`);
  });

  it("is the whole Cookie header otherwise", async () => {
    await clientFor({ in: "cookie", name: "sid" }).POST("/send", { headers: { "x-other": "1" } });
    expect(server.requests[0]?.headers.cookie).toBe(`sid=${KEY}`);
  });

  it("a call's own Cookie is sent as is when the credential is not a cookie", async () => {
    await clientFor({ in: "header", name: "X-Key" }).POST("/send", { headers: { cookie: "theme=dark" } });
    expect(server.requests[0]?.headers.cookie).toBe("theme=dark");
    expect(server.requests[0]?.headers["x-key"]).toBe(KEY);
  });
});

describe("an operation with its own server", () => {
  const own = () => ({ elsewhere: operation("get", "/elsewhere", { serverUrl: server.url }) });

  it("is called there when the client has no baseUrl of its own", async () => {
    await clientFor({ in: "bearer" }, own(), undefined).elsewhere();
    expect(server.requests.map((request) => request.url)).toEqual(["/elsewhere"]);
  });

  it("a client's or a call's baseUrl wins", async () => {
    await clientFor({ in: "bearer" }, own(), `${server.url}/client`).elsewhere();
    await clientFor({ in: "bearer" }, own(), undefined).GET("/elsewhere", { baseUrl: `${server.url}/call` });
    expect(server.requests.map((request) => request.url)).toEqual(["/client/elsewhere", "/call/elsewhere"]);
  });
});

describe("raw calls", () => {
  it.each(["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"])("%s sends that method", async (method) => {
    const { response } = await clientFor({ in: "bearer" })[method]!("/anything");
    expect(response.status).toBe(200);
    expect(server.requests.map((request) => request.method)).toEqual([method]);
  });

  const busyThenOk = () =>
    server.script(
      { kind: "respond", status: 503, headers: { "retry-after-ms": "1" }, body: { message: "busy" } },
      { kind: "respond", status: 200, body: { ok: true } },
    );

  it.each(["GET", "PUT", "DELETE", "OPTIONS", "HEAD"])(
    "%s to a route the spec does not declare is retried on 503 (idempotent by RFC 9110)",
    async (method) => {
      busyThenOk();
      const { response } = await clientFor({ in: "bearer" })[method]!("/undeclared");
      expect(response.status).toBe(200);
      expect(server.requests).toHaveLength(2);
    },
  );

  it.each(["POST", "PATCH"])("%s to a route the spec does not declare is not retried on 503", async (method) => {
    busyThenOk();
    const { response } = await clientFor({ in: "bearer" })[method]!("/undeclared");
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("a declared operation's own idempotency decides, not its method", async () => {
    const client = clientFor(
      { in: "bearer" },
      { retryMe: operation("post", "/retry-me", { bodyInput: "fields", idempotent: true }) },
    );
    busyThenOk();
    expect((await client.GET("/ping")).response.status).toBe(503); // declared, not idempotent
    busyThenOk();
    expect((await client.POST("/retry-me")).response.status).toBe(200); // declared idempotent
    expect(server.requests.map((request) => request.url)).toEqual(["/ping", "/retry-me", "/retry-me"]);
  });
});
