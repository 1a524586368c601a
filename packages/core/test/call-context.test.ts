/**
 * The transport gets the call's context (caller signal, replayable body) beside the Request, passes
 * the attempt's signal to `fetch` in its init, and hands successful bodies over as bytes when no
 * middleware sits in between. Every path keeps timeouts, aborts, bodies and openapi-fetch's `parseAs`.
 */
import { type FaultServer, startFaultServer } from "@specsdk/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiTimeoutError } from "../src/errors.js";
import { fixtureClient } from "./fixture-provider.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset({ kind: "respond", status: 200, body: { ok: true } });
});

async function failure(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("call context: signals in the fetch init, bodies read once", () => {
  it("a retried POST sends the same body on every attempt", async () => {
    server.script(
      { kind: "respond", status: 429, headers: { "retry-after-ms": "10" } },
      { kind: "respond", status: 429, headers: { "retry-after-ms": "10" } },
      { kind: "respond", status: 201, body: { id: "x" } },
    );
    const client = fixtureClient(server.url);
    await expect(client.createItem({ name: "a", tags: ["x"] })).resolves.toEqual({ id: "x" });
    expect(server.requests.map((request) => request.body)).toEqual(Array(3).fill('{"name":"a","tags":["x"]}'));
    server.requests.length = 0;
    server.script(
      { kind: "respond", status: 503, headers: { "retry-after-ms": "10" } },
      { kind: "respond", status: 200, body: { ok: true } },
    );
    await client.purgeItem({ id: "1" });
    expect(server.requests).toHaveLength(2);
  });

  it("so does one through openapi-fetch (middleware registered), from a clone of its Request", async () => {
    server.script(
      { kind: "respond", status: 429, headers: { "retry-after-ms": "10" } },
      { kind: "respond", status: 201, body: { id: "x" } },
    );
    const client = fixtureClient(server.url);
    const seen: string[] = [];
    client.use({ onRequest: ({ request }) => void seen.push(request.method) });
    await expect(client.createItem({ name: "a" })).resolves.toEqual({ id: "x" });
    expect(seen).toEqual(["POST"]); // middleware sees the call once, not once per attempt
    expect(server.requests.map((request) => request.body)).toEqual(['{"name":"a"}', '{"name":"a"}']);
  });

  it("form, Blob and multipart bodies are sent again byte for byte, with their own Content-Type", async () => {
    const client = fixtureClient(server.url);
    const bodies: [string, () => unknown, Record<string, string>][] = [
      [
        "form",
        () => new URLSearchParams({ a: "1", b: "x y" }),
        { "Content-Type": "application/x-www-form-urlencoded" },
      ],
      ["blob", () => new Blob(["raw bytes"], { type: "text/plain" }), { "Content-Type": "text/plain" }],
      [
        "multipart",
        () => {
          const form = new FormData();
          form.append("name", "a");
          form.append("file", new Blob(["content"]), "f.txt");
          return form;
        },
        {},
      ],
    ];
    for (const [, serialize, headers] of bodies) {
      server.requests.length = 0;
      server.script(
        { kind: "respond", status: 429, headers: { "retry-after-ms": "10" } },
        { kind: "respond", status: 200, body: { ok: true } },
      );
      const { response } = await client.POST("/items", { body: {}, bodySerializer: serialize, headers } as never);
      expect(response.status).toBe(200);
      const [first, second] = server.requests;
      expect(second?.body).toBe(first?.body);
      expect(second?.headers["content-type"]).toBe(first?.headers["content-type"]);
      expect(first?.body.length).toBeGreaterThan(0);
    }
  });

  it("fetch gets each attempt's timeout signal in its init, aborted when the attempt times out", async () => {
    const signals: AbortSignal[] = [];
    const hangingFetch = (_request: Request, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        const signal = init?.signal as AbortSignal;
        signals.push(signal);
        signal.addEventListener("abort", () => reject(signal.reason));
      });
    const client = fixtureClient(server.url, { fetch: hangingFetch, timeout: 50, maxRetries: 1 });
    expect(await failure(() => client.deleteItem({ id: "1" }))).toBeInstanceOf(ApiTimeoutError);
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });

  it("a fetch that ignores every signal still times out on time", async () => {
    const deafFetch = () => new Promise<Response>(() => {});
    const client = fixtureClient(server.url, { fetch: deafFetch, timeout: 50, maxRetries: 0 });
    const started = Date.now();
    expect(await failure(() => client.deleteItem({ id: "1" }))).toBeInstanceOf(ApiTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("raw calls decode every parseAs the way openapi-fetch does, with and without middleware", async () => {
    const body = { ok: true, text: "héllo" };
    const expected = JSON.stringify(body);
    const decode = async (data: unknown): Promise<string> => {
      if (data instanceof Blob) return data.text();
      if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
      if (data instanceof ReadableStream) return new Response(data).text();
      return typeof data === "string" ? data : JSON.stringify(data);
    };
    for (const withMiddleware of [false, true]) {
      const client = fixtureClient(server.url);
      if (withMiddleware) client.use({ onResponse: ({ response }) => response });
      for (const parseAs of ["json", "text", "blob", "arrayBuffer", "stream"] as const) {
        server.reset({ kind: "respond", status: 200, body });
        const { data, response } = await client.DELETE("/items/{id}", { params: { path: { id: "1" } }, parseAs });
        expect(response.status).toBe(200);
        expect(await decode(data), `${parseAs}, middleware: ${withMiddleware}`).toBe(expected);
      }
      server.reset({ kind: "respond", status: 200, body: "", headers: { "content-type": "application/json" } });
      const empty = await client.DELETE("/items/{id}", { params: { path: { id: "1" } } });
      expect(empty.data).toBeUndefined();
    }
  });

  it("a middleware that replaces the Request (dropping its signal) still gets the timeout", async () => {
    server.script({ kind: "hang" });
    const client = fixtureClient(server.url, { timeout: 100, maxRetries: 0 });
    client.use({ onRequest: ({ request }) => new Request(request.url, { method: request.method }) });
    expect(await failure(() => client.deleteItem({ id: "1" }))).toBeInstanceOf(ApiTimeoutError);
  });

  it("so does a per-call middleware on a raw call", async () => {
    server.script({ kind: "hang" });
    const client = fixtureClient(server.url, { timeout: 100, maxRetries: 0 });
    const replace = {
      onRequest: ({ request }: { request: Request }) => new Request(request.url, { method: "DELETE" }),
    };
    const result = await client.DELETE("/items/{id}", { params: { path: { id: "1" } }, middleware: [replace] }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(result).toBeInstanceOf(ApiTimeoutError);
  });

  it("a caller's abort reason on a raw call is what the call rejects with", async () => {
    server.script({ kind: "hang" });
    const controller = new AbortController();
    const reason = new Error("stopped by the caller");
    setTimeout(() => controller.abort(reason), 50);
    const result = await fixtureClient(server.url, { timeout: 5000 })
      .DELETE("/items/{id}", { params: { path: { id: "1" } }, signal: controller.signal })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(result).toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it("a per-call fetch is the caller's own: no retries, as before", async () => {
    server.script({ kind: "respond", status: 503 });
    const calls: string[] = [];
    const own = (request: Request) => {
      calls.push(request.method);
      return fetch(request);
    };
    const { response } = await fixtureClient(server.url).DELETE("/items/{id}", {
      params: { path: { id: "1" } },
      fetch: own,
    });
    expect(response.status).toBe(503);
    expect(calls).toEqual(["DELETE"]);
  });
});
