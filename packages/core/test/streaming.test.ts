/**
 * Streams over a real socket: events reach the caller as the server writes them, the timeout covers
 * only reaching the headers (then `idleTimeout` covers silence), and ending early releases the
 * connection.
 */
import { describe, expect, it } from "vitest";
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  ResponseTooLargeError,
} from "../src/errors.js";
import type { ServerSentEvent } from "../src/event-stream.js";
import { faultServerForFile } from "./fault-server-suite.js";
import { fixtureClient } from "./fixture-provider.js";

const server = await faultServerForFile();

const event = (n: number) => `event: tick\nid: ${n}\ndata: {"n":${n}}\n\n`;

async function collect<T>(stream: AsyncIterable<T>): Promise<{ items: T[]; at: number[]; error: unknown }> {
  const started = performance.now();
  const items: T[] = [];
  const at: number[] = [];
  try {
    for await (const item of stream) {
      items.push(item);
      at.push(performance.now() - started);
    }
    return { items, at, error: undefined };
  } catch (error) {
    return { items, at, error };
  }
}

describe("server-sent events from a named method", () => {
  it("each event reaches the caller when the server writes it, not when the stream ends", async () => {
    server.script({ kind: "events", chunks: [0, 1, 2, 3].map(event), intervalMs: 300 });
    const { items, at, error } = await collect(fixtureClient(server.url).streamEvents());
    expect(error).toBeUndefined();
    expect(items.map((item) => item.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    // Written 300 ms apart over 900 ms: the first arrives long before the last is written, and they
    // arrive spread out as written (a buffered stream would deliver all four together, at the end).
    expect(at[0]).toBeLessThan(600);
    expect((at[3] as number) - (at[0] as number)).toBeGreaterThan(600);
  });

  it("gives event, JSON data, id and retry as sent", async () => {
    server.script({
      kind: "events",
      chunks: [`retry: 1500\n${event(1)}`, ": a comment\n\n", 'data: {"n":2}\n\n'],
      intervalMs: 5,
    });
    const { items } = await collect(fixtureClient(server.url).streamEvents());
    expect(items).toEqual<ServerSentEvent<{ n: number }>[]>([
      { event: "tick", id: "1", data: { n: 1 }, retry: 1500 },
      { event: undefined, id: undefined, data: { n: 2 }, retry: undefined },
    ]);
  });

  it("text event data stays text, split across chunks or not", async () => {
    server.script({ kind: "events", chunks: ["data: hel", "lo\n", "\ndata: two\ndata: lines\n\n"], intervalMs: 20 });
    const { items } = await collect(fixtureClient(server.url).streamText());
    expect(items.map((item) => item.data)).toEqual(["hello", "two\nlines"]);
  });

  it("a JSON stream ends at `data: [DONE]`", async () => {
    server.script({ kind: "events", chunks: [event(1), "data: [DONE]\n\n", event(2)], intervalMs: 5 });
    const { items, error } = await collect(fixtureClient(server.url).streamEvents());
    expect(error).toBeUndefined();
    expect(items.map((item) => item.data)).toEqual([{ n: 1 }]);
  });

  it("awaiting the call gives the iterable once headers are in; withResponse gives the response", async () => {
    server.script({ kind: "events", chunks: [event(1)], intervalMs: 5 });
    const { data, response } = await fixtureClient(server.url).streamEvents().withResponse();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const { items } = await collect(data);
    expect(items).toHaveLength(1);
  });

  it("a stream cut mid-event ends the iteration with ApiConnectionError, after the complete events", async () => {
    server.script({ kind: "events", chunks: [event(1), 'event: tick\ndata: {"n":'], intervalMs: 20, end: "cut" });
    const { items, error } = await collect(fixtureClient(server.url).streamEvents());
    expect(items.map((item) => item.data)).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error).not.toBeInstanceOf(ApiTimeoutError);
    expect(server.requests).toHaveLength(1); // a stream that has started is never retried
  });

  it("`timeout` covers reaching the headers only: a stream may run longer", async () => {
    server.script({ kind: "events", chunks: [0, 1, 2, 3].map(event), intervalMs: 100 });
    const { items, error } = await collect(fixtureClient(server.url, { timeout: 150 }).streamEvents());
    expect(error).toBeUndefined();
    expect(items).toHaveLength(4);
  });

  it("a stream silent for longer than idleTimeout fails with ApiTimeoutError and is closed", async () => {
    server.script({ kind: "events", chunks: [event(1)], intervalMs: 10, end: "idle" });
    const started = performance.now();
    const { items, error } = await collect(fixtureClient(server.url, { idleTimeout: 200 }).streamEvents());
    expect(items).toHaveLength(1);
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(performance.now() - started).toBeLessThan(1000);
    await expect.poll(() => server.requests[0]?.closedAt, { timeout: 1000 }).toBeDefined();
  });

  it("aborting the signal ends the iteration with ApiUserAbortError and closes the connection", async () => {
    server.script({ kind: "events", chunks: [0, 1, 2, 3, 4, 5].map(event), intervalMs: 100 });
    const controller = new AbortController();
    const stream = fixtureClient(server.url).streamEvents({}, { signal: controller.signal });
    const seen: unknown[] = [];
    let error: unknown;
    try {
      for await (const item of stream) {
        seen.push(item.data);
        if (seen.length === 2) controller.abort();
      }
    } catch (caught) {
      error = caught;
    }
    expect(seen).toEqual([{ n: 0 }, { n: 1 }]);
    expect(error).toBeInstanceOf(ApiUserAbortError);
    await expect.poll(() => server.requests[0]?.closedAt, { timeout: 1000 }).toBeDefined();
  });

  it("leaving the loop early closes the connection", async () => {
    server.script({ kind: "events", chunks: [0, 1, 2, 3, 4, 5].map(event), intervalMs: 100 });
    for await (const item of fixtureClient(server.url).streamEvents()) {
      expect(item.data).toEqual({ n: 0 });
      break;
    }
    // Closed long before the server would have finished (six events 100 ms apart).
    await expect.poll(() => server.requests[0]?.closedAt, { timeout: 1000 }).toBeDefined();
    expect(server.requests[0]?.closedAt).toBeLessThan(server.requests[0]!.receivedAt + 450);
  });

  it("JSON event data that does not parse ends the iteration with an ApiError carrying the text", async () => {
    const text = `{"n":${"9".repeat(300)}`;
    server.script({ kind: "events", chunks: [event(1), `data: ${text}\n\n`], intervalMs: 5 });
    const { items, error } = await collect(fixtureClient(server.url).streamEvents());
    expect(items.map((item) => item.data)).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, rawBody: text, url: `${server.url}/events` });
    // The message quotes the first 200 characters only: event data can be large.
    expect((error as Error).message).toBe(`Event data is not valid JSON: ${text.slice(0, 200)}`);
  });

  it("a success without a body (204) is a stream of no events", async () => {
    server.script({ kind: "respond", status: 204 });
    const { items, error } = await collect(fixtureClient(server.url).streamEvents());
    expect(error).toBeUndefined();
    expect(items).toEqual([]);
  });

  it("an error status is thrown as its ApiError, before any event", async () => {
    server.script({ kind: "respond", status: 401, body: { message: "bad token" } });
    const { items, error } = await collect(fixtureClient(server.url).streamEvents());
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(AuthenticationError);
    await expect(fixtureClient(server.url).streamEvents()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("raw calls", () => {
  it('parseAs: "stream" hands the body over when the headers arrive', async () => {
    server.script({ kind: "trickle", status: 200, chunks: ["first ", "second ", "third"], intervalMs: 1000 });
    const started = performance.now();
    const { data } = await fixtureClient(server.url).GET("/events", { parseAs: "stream" });
    const reader = (data as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("first ");
    // The rest comes 1 s and 2 s later: the first chunk was handed over without waiting for them.
    expect(performance.now() - started).toBeLessThan(800);
    await reader.cancel();
  });

  it("an event-stream response is not buffered or timed out, whatever parseAs asks for", async () => {
    server.script({ kind: "events", chunks: [event(1), event(2), event(3)], intervalMs: 100 });
    const { data, response } = await fixtureClient(server.url, { timeout: 120 }).GET("/events", { parseAs: "text" });
    expect(response.status).toBe(200);
    expect(data).toBe([event(1), event(2), event(3)].join(""));
  });

  it("a buffered body over maxResponseBytes is refused, a stream is not capped", async () => {
    const big = "x".repeat(64 * 1024);
    server.script({ kind: "trickle", status: 200, chunks: [big, big], intervalMs: 5 });
    const client = fixtureClient(server.url, { maxResponseBytes: 100 * 1024 });
    await expect(client.GET("/events", { parseAs: "text" })).rejects.toBeInstanceOf(ResponseTooLargeError);
    server.script({ kind: "trickle", status: 200, chunks: [big, big], intervalMs: 5 });
    const { data } = await client.GET("/events", { parseAs: "stream" });
    expect((await new Response(data as ReadableStream).text()).length).toBe(2 * big.length);
  });
});
