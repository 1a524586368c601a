/**
 * The first attempt is sent as openapi-fetch built it (its abort signal is put in the init), later
 * attempts and middleware-replaced Requests are wrapped: both paths keep timeouts, aborts and bodies.
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

describe("first attempt as built, later attempts wrapped", () => {
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

  it("the Request handed to fetch carries the timeout signal on the first attempt", async () => {
    const signals: AbortSignal[] = [];
    const hangingFetch = (request: Request) =>
      new Promise<Response>((_, reject) => {
        signals.push(request.signal);
        request.signal.addEventListener("abort", () => reject(request.signal.reason));
      });
    const client = fixtureClient(server.url, { fetch: hangingFetch, timeout: 50, maxRetries: 1 });
    expect(await failure(() => client.deleteItem({ id: "1" }))).toBeInstanceOf(ApiTimeoutError);
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
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
