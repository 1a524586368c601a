import { inspect } from "node:util";
import { startFaultServer } from "@specsdk/testing";
import { describe, expect, it, vi } from "vitest";
import type { ClientOptions } from "../src/client-options.js";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  ClientConfigurationError,
  InternalServerError,
  RateLimitError,
  ResponseTooLargeError,
} from "../src/errors.js";
import { faultServerForFile } from "./fault-server-suite.js";
import { FIXTURE_KEY, fixtureClient } from "./fixture-provider.js";

const server = await faultServerForFile();

/** Runs `call`, returning what it threw and how long it took. */
async function outcome(call: () => Promise<unknown>) {
  const started = performance.now();
  try {
    const value = await call();
    return { value, error: undefined, ms: performance.now() - started };
  } catch (error) {
    return { value: undefined, error, ms: performance.now() - started };
  }
}

describe("retries", () => {
  it("429 with Retry-After: 1 waits about a second, then succeeds (even for a non-idempotent POST)", async () => {
    server.script(
      { kind: "respond", status: 429, headers: { "retry-after": "1" }, body: { error: "slow down" } },
      { kind: "respond", status: 201, body: { id: "x" } },
    );
    const result = await outcome(() => fixtureClient(server.url).createItem({ name: "a" }));
    expect(result.error).toBeUndefined();
    expect(result.value).toEqual({ id: "x" });
    expect(server.requests).toHaveLength(2);
    expect(result.ms).toBeGreaterThanOrEqual(950);
    expect(result.ms).toBeLessThan(3000);
  });

  it("Retry-After as an HTTP date and retry-after-ms are honoured", async () => {
    server.script(
      { kind: "respond", status: 429, headers: { "retry-after-ms": "50" } },
      { kind: "respond", status: 429, headers: { "retry-after": new Date(Date.now() + 1000).toUTCString() } },
      { kind: "respond", status: 200, body: { ok: true } },
    );
    const result = await outcome(() => fixtureClient(server.url).deleteItem({ id: "1" }));
    expect(result.error).toBeUndefined();
    expect(server.requests).toHaveLength(3);
    expect(server.requests[1]!.receivedAt - server.requests[0]!.receivedAt).toBeGreaterThanOrEqual(45);
    expect(server.requests[1]!.receivedAt - server.requests[0]!.receivedAt).toBeLessThan(400);
  });

  it("an unreasonable Retry-After (an hour) falls back to our capped backoff", async () => {
    server.script(
      { kind: "respond", status: 429, headers: { "retry-after": "3600" } },
      { kind: "respond", status: 200, body: { ok: true } },
    );
    const result = await outcome(() => fixtureClient(server.url).deleteItem({ id: "1" }));
    expect(result.error).toBeUndefined();
    expect(result.ms).toBeLessThan(2000);
  });

  it("503 then 200 on an idempotent DELETE: retried once, succeeds", async () => {
    server.script({ kind: "respond", status: 503, body: "busy" }, { kind: "respond", status: 200, body: { ok: true } });
    const result = await outcome(() => fixtureClient(server.url).deleteItem({ id: "1" }));
    expect(result.value).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(result.ms).toBeGreaterThanOrEqual(350); // backoff 375–500 ms
  });

  it("503 on a non-idempotent POST is not retried", async () => {
    server.script({ kind: "respond", status: 503, body: { error: "busy" } });
    const result = await outcome(() => fixtureClient(server.url).createItem({ name: "a" }));
    expect(result.error).toBeInstanceOf(InternalServerError);
    expect((result.error as ApiError).status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("a POST the provider config marks idempotent is retried on 503", async () => {
    server.script({ kind: "respond", status: 503 }, { kind: "respond", status: 200, body: { ok: true } });
    const result = await outcome(() => fixtureClient(server.url).purgeItem({ id: "1" }));
    expect(result.value).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it("gives up after maxRetries (default 2 → 3 attempts) with the last error", async () => {
    server.script({ kind: "respond", status: 500, headers: { "retry-after-ms": "1" }, body: { message: "boom" } });
    const result = await outcome(() => fixtureClient(server.url).deleteItem({ id: "1" }));
    expect(result.error).toBeInstanceOf(InternalServerError);
    expect((result.error as ApiError).message).toContain("boom");
    expect(server.requests).toHaveLength(3);
  });

  it("maxRetries: 0 per client and per call turns retries off", async () => {
    server.script({ kind: "respond", status: 503, headers: { "retry-after-ms": "1" } });
    await outcome(() => fixtureClient(server.url, { maxRetries: 0 }).deleteItem({ id: "1" }));
    expect(server.requests).toHaveLength(1);
    await outcome(() => fixtureClient(server.url).deleteItem({ id: "1" }, { maxRetries: 0 }));
    expect(server.requests).toHaveLength(2);
    await outcome(() => fixtureClient(server.url, { maxRetries: 0 }).deleteItem({ id: "1" }, { maxRetries: 4 }));
    expect(server.requests).toHaveLength(7);
  });

  it("raw calls retry too, and return { error, response } instead of throwing", async () => {
    server.script({ kind: "respond", status: 503, headers: { "retry-after-ms": "1" }, body: { message: "busy" } });
    const client = fixtureClient(server.url);
    const { error, response } = await client.DELETE("/items/{id}", { params: { path: { id: "1" } }, maxRetries: 1 });
    expect(response.status).toBe(503);
    expect(error).toEqual({ message: "busy" });
    expect(server.requests).toHaveLength(2);
  });
});

describe("connection failures", () => {
  it("a reset before any response is retried even for a POST", async () => {
    server.script({ kind: "reset" }, { kind: "respond", status: 201, body: { id: "x" } });
    const result = await outcome(() => fixtureClient(server.url).createItem({ name: "a" }));
    expect(result.value).toEqual({ id: "x" });
    expect(server.requests).toHaveLength(2);
  });

  it("a reset mid-body is an ApiConnectionError; retried for DELETE, not for POST", async () => {
    server.script({ kind: "reset-mid-body", status: 200, partialBody: '{"ok":' });
    const post = await outcome(() => fixtureClient(server.url).createItem({ name: "a" }));
    expect(post.error).toBeInstanceOf(ApiConnectionError);
    expect(post.error).not.toBeInstanceOf(ApiTimeoutError);
    expect(server.requests).toHaveLength(1);

    server.requests.length = 0;
    server.script(
      { kind: "reset-mid-body", status: 200, partialBody: '{"ok":' },
      { kind: "respond", status: 200, body: { ok: true } },
    );
    const del = await outcome(() => fixtureClient(server.url).deleteItem({ id: "1" }));
    expect(del.value).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it("a refused connection is an ApiConnectionError after retries, URL without secrets", async () => {
    const closed = await startFaultServer();
    const url = closed.url;
    await closed.close();
    const result = await outcome(() => fixtureClient(url, { maxRetries: 1 }).deleteItem({ id: "1" }));
    expect(result.error).toBeInstanceOf(ApiConnectionError);
    expect((result.error as ApiConnectionError).url).toBe(`${url}/items/1`);
    expect(JSON.stringify(result.error)).not.toContain(FIXTURE_KEY);
  });
});

describe("timeouts", () => {
  it("a response that never arrives: ApiTimeoutError after `timeout`, per attempt", async () => {
    server.script({ kind: "hang" });
    const result = await outcome(() =>
      fixtureClient(server.url, { timeout: 200, maxRetries: 0 }).deleteItem({ id: "1" }),
    );
    expect(result.error).toBeInstanceOf(ApiTimeoutError);
    expect(result.ms).toBeGreaterThanOrEqual(190);
    expect(result.ms).toBeLessThan(1500);
    expect(server.requests).toHaveLength(1);
  });

  it("overlapping calls on one client each time out on their own clock (one timer serves them all)", async () => {
    // Requests in arrival order: A hangs, C answers at once, B hangs.
    server.script({ kind: "hang" }, { kind: "respond", status: 200, body: { ok: true } }, { kind: "hang" });
    const client = fixtureClient(server.url, { timeout: 300, maxRetries: 0 });
    const a = outcome(() => client.deleteItem({ id: "a" }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(client.deleteItem({ id: "c" })).resolves.toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const b = outcome(() => client.deleteItem({ id: "b" }));
    const [first, second] = await Promise.all([a, b]);
    for (const result of [first, second]) {
      expect(result.error).toBeInstanceOf(ApiTimeoutError);
      // Not cut short by the other call's deadline, nor by the one that finished in between.
      expect(result.ms).toBeGreaterThanOrEqual(290);
      expect(result.ms).toBeLessThan(1500);
    }
  });

  it("timeouts of an idempotent call are retried; of a POST they are not", async () => {
    server.script({ kind: "hang" });
    await outcome(() => fixtureClient(server.url, { timeout: 100, maxRetries: 1 }).deleteItem({ id: "1" }));
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    await outcome(() => fixtureClient(server.url, { timeout: 100, maxRetries: 1 }).createItem({ name: "a" }));
    expect(server.requests).toHaveLength(1);
  });

  it("the timeout covers reading the body: a slow trickle past it times out", async () => {
    server.script({ kind: "trickle", status: 200, chunks: ['{"a":', "1", ",", '"b":2}'], intervalMs: 150 });
    const result = await outcome(() =>
      fixtureClient(server.url, { maxRetries: 0 }).deleteItem({ id: "1" }, { timeout: 250 }),
    );
    expect(result.error).toBeInstanceOf(ApiTimeoutError);
    expect(result.ms).toBeLessThan(1000);
  });

  it("a caller's abort rejects with ApiUserAbortError (reason as cause), is not retried, and is not a timeout", async () => {
    server.script({ kind: "hang" });
    const controller = new AbortController();
    const reason = new Error("user left the page");
    setTimeout(() => controller.abort(reason), 100);
    const result = await outcome(() =>
      fixtureClient(server.url, { timeout: 5000 }).deleteItem({ id: "1" }, { signal: controller.signal }),
    );
    expect(result.error).toBeInstanceOf(ApiUserAbortError);
    expect(result.error).not.toBeInstanceOf(ApiConnectionError);
    expect((result.error as ApiUserAbortError).cause).toBe(reason);
    expect(result.ms).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
    // The aborted request's connection is closed, not left to time out.
    await expect.poll(() => server.requests[0]?.closedAt, { timeout: 1000 }).toBeDefined();
  });

  it("an abort on a raw call rejects with ApiUserAbortError too", async () => {
    server.script({ kind: "hang" });
    const result = await outcome(() =>
      fixtureClient(server.url).DELETE("/items/{id}", {
        params: { path: { id: "1" } },
        signal: AbortSignal.timeout(100),
      }),
    );
    expect(result.error).toBeInstanceOf(ApiUserAbortError);
    expect(((result.error as Error).cause as Error).name).toBe("TimeoutError");
  });

  it("an already-aborted signal sends nothing", async () => {
    const result = await outcome(() =>
      fixtureClient(server.url).deleteItem({ id: "1" }, { signal: AbortSignal.abort() }),
    );
    expect(result.error).toBeInstanceOf(ApiUserAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("a fetch that ignores its signal still times out on time", async () => {
    const client = fixtureClient(server.url, {
      timeout: 150,
      maxRetries: 0,
      fetch: () => new Promise<Response>(() => {}),
    });
    const result = await outcome(() => client.deleteItem({ id: "1" }));
    expect(result.error).toBeInstanceOf(ApiTimeoutError);
    expect(result.ms).toBeLessThan(1000);
  });

  it("an abort during the retry wait stops at once", async () => {
    server.script({ kind: "respond", status: 503, headers: { "retry-after": "5" } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const result = await outcome(() =>
      fixtureClient(server.url).deleteItem({ id: "1" }, { signal: controller.signal }),
    );
    expect(result.error).toBeInstanceOf(ApiUserAbortError);
    expect(result.ms).toBeLessThan(1000);
    expect(server.requests).toHaveLength(1);
  });
});

describe("bodies", () => {
  it("invalid JSON gives an ApiError with the raw text, not a SyntaxError", async () => {
    server.script({
      kind: "respond",
      status: 200,
      headers: { "content-type": "application/json" },
      body: '{"ok": tru',
    });
    const result = await outcome(() => fixtureClient(server.url).deleteItem({ id: "1" }));
    expect(result.error).toBeInstanceOf(ApiError);
    expect(result.error).not.toBeInstanceOf(SyntaxError);
    expect((result.error as ApiError).rawBody).toBe('{"ok": tru');
  });

  it("an HTML 502 page is an InternalServerError carrying the page", async () => {
    const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    server.script({ kind: "respond", status: 502, headers: { "content-type": "text/html" }, body: page });
    const result = await outcome(() => fixtureClient(server.url, { maxRetries: 0 }).deleteItem({ id: "1" }));
    expect(result.error).toBeInstanceOf(InternalServerError);
    expect((result.error as ApiError).rawBody).toBe(page);
    expect((result.error as ApiError).body).toBe(page);
  });

  it("an empty 401 is an AuthenticationError with an undefined body, not retried", async () => {
    server.script({ kind: "respond", status: 401 });
    const result = await outcome(() => fixtureClient(server.url).deleteItem({ id: "1" }));
    expect(result.error).toBeInstanceOf(AuthenticationError);
    expect((result.error as ApiError).body).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it("an oversized body is refused with ResponseTooLargeError, not buffered", async () => {
    server.script({ kind: "oversized", bytes: 5 * 1024 * 1024 });
    const result = await outcome(() =>
      fixtureClient(server.url, { maxResponseBytes: 1024 * 1024 }).deleteItem({ id: "1" }),
    );
    expect(result.error).toBeInstanceOf(ResponseTooLargeError);
    expect(server.requests).toHaveLength(1);
  });

  it("raw responses keep the URL the server answered at", async () => {
    const { response } = await fixtureClient(server.url).DELETE("/items/{id}", { params: { path: { id: "a b" } } });
    expect(response.url).toBe(`${server.url}/items/a%20b`);
  });

  it("x-request-id is exposed on errors", async () => {
    server.script({ kind: "respond", status: 404, headers: { "x-request-id": "req_abc" }, body: { message: "gone" } });
    const result = await outcome(() => fixtureClient(server.url).deleteItem({ id: "1" }));
    expect((result.error as ApiError).requestId).toBe("req_abc");
  });
});

describe("rate limiting", () => {
  it("a burst completes with zero 429s from a server enforcing the same limit", async () => {
    server.enforceRateLimit({ requests: 10, windowMs: 500 });
    const client = fixtureClient(server.url, { rateLimit: { requests: 10, perMilliseconds: 500 }, maxRetries: 0 });
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => client.deleteItem({ id: String(i) })));
    expect(results).toHaveLength(40);
    expect(server.rateLimited).toBe(0);
    expect(server.requests).toHaveLength(40);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1400); // 4 windows' worth, queued
  });

  it("without the client-side limit the same burst is rejected by the server", async () => {
    // A window the burst cannot outlast, however slow the machine: exactly 10 of 40 get through.
    server.enforceRateLimit({ requests: 10, windowMs: 60_000 });
    const client = fixtureClient(server.url, { rateLimit: false, maxRetries: 0 });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => client.deleteItem({ id: String(i) })),
    );
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof RateLimitError).length).toBe(30);
  });

  it("limits apply per client instance", async () => {
    const a = fixtureClient(server.url, { rateLimit: { requests: 1, perMilliseconds: 60_000 } });
    const b = fixtureClient(server.url, { rateLimit: { requests: 1, perMilliseconds: 60_000 } });
    await a.deleteItem({ id: "1" });
    await b.deleteItem({ id: "2" });
    expect(server.requests).toHaveLength(2);
  });
});

describe("secrets", () => {
  it("never appear in errors, JSON, inspect(client) or debug logs", async () => {
    const lines: string[] = [];
    server.script({ kind: "respond", status: 400, body: { message: `bad key ${FIXTURE_KEY}` } });
    const client = fixtureClient(server.url, { debug: (line) => lines.push(line) });
    const result = await outcome(() => client.deleteItem({ id: "1" }));
    const error = result.error as ApiError;
    for (const text of [
      error.message,
      error.stack ?? "",
      JSON.stringify(error),
      inspect(error),
      inspect(client, { depth: 10 }),
    ]) {
      expect(text).not.toContain(FIXTURE_KEY);
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toContain(FIXTURE_KEY);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${FIXTURE_KEY}`);
  });

  it("debug lines carry method, URL, status, attempt and duration; SPECSDK_DEBUG turns them on", async () => {
    server.script(
      { kind: "respond", status: 503, headers: { "retry-after-ms": "1" } },
      { kind: "respond", status: 200, body: {} },
    );
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.stubEnv("SPECSDK_DEBUG", "1");
    try {
      await fixtureClient(server.url).deleteItem({ id: "7" });
    } finally {
      vi.unstubAllEnvs();
    }
    const lines = spy.mock.calls.map((call) => String(call[0]));
    spy.mockRestore();
    expect(lines[0]).toMatch(
      new RegExp(`^\\[specsdk:fixture\\] DELETE ${server.url}/items/7 → 503 \\(attempt 1/3, \\d+ ms\\)$`),
    );
    expect(lines.some((line) => /→ 200 \(attempt 2\/3/.test(line))).toBe(true);
  });

  it("debug logging is off by default", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    await fixtureClient(server.url).deleteItem({ id: "1" });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe("option validation", () => {
  it.each([
    [{ maxRetries: -1 }, /`maxRetries` must be a whole number ≥ 0, got -1/],
    [{ maxRetries: 1.5 }, /`maxRetries`/],
    [{ timeout: Number.NaN }, /`timeout` must be a number ≥ 0/],
    [{ rateLimit: { requests: 0, perMilliseconds: 1000 } }, /`rateLimit`/],
    [{ baseUrl: "not a url" }, /`baseUrl` must be an absolute http or https URL/],
    [{ idleTimeout: -5 }, /`idleTimeout` must be a number ≥ 0, got -5/],
  ])("%o is refused at creation", (options, message) => {
    expect(() => fixtureClient("http://127.0.0.1:1", options as never)).toThrow(message);
  });

  it("a header that cannot be sent is refused at creation, by name, without its value", () => {
    const refusal = (options: ClientOptions) => {
      try {
        fixtureClient("http://127.0.0.1:1", options);
      } catch (error) {
        return error as Error;
      }
      throw new Error("expected the client to be refused");
    };
    const badValue = refusal({ headers: { "X-Title": "caf€ secret-ish" } });
    expect(badValue).toBeInstanceOf(ClientConfigurationError);
    expect(badValue.message).toMatch(/header "X-Title" in `headers` has a name or value that cannot be sent in HTTP/);
    expect(badValue.message).not.toContain("secret-ish");
    expect(refusal({ headers: { "X Title": "ok" } }).message).toMatch(/header "X Title"/);
    const badKey = refusal({ apiKey: "key-with\nnewline-123" });
    expect(badKey.message).toMatch(/the API key \(sent in the "Authorization" header\) contains characters/);
    expect(badKey.message).not.toContain("newline-123");
  });
});
