/**
 * Transport cases the resilience suite does not reach, over the fault server: what each attempt
 * writes to the debug log, an event stream answered with an error status (retried and read like
 * any error, not streamed), a followed redirect, and a custom fetch's network-error Response.
 */
import { describe, expect, it } from "vitest";
import { ApiConnectionError, InternalServerError } from "../src/errors.js";
import { faultServerForFile } from "./fault-server-suite.js";
import { fixtureClient } from "./fixture-provider.js";

const server = await faultServerForFile();

function logged() {
  const lines: string[] = [];
  return { lines, debug: (line: string) => lines.push(line) };
}

/** A debug line with its duration replaced by `N`, once the duration is checked to be plausible. */
const shape = (line: string) =>
  line.replace(/, (\d+) ms\)$/, (_, ms: string) => {
    expect(Number(ms)).toBeLessThan(30_000);
    return ", N ms)";
  });

describe("debug lines", () => {
  it("one per attempt with its outcome, and the wait before a retry", async () => {
    server.script(
      { kind: "respond", status: 503, headers: { "retry-after-ms": "3" } },
      { kind: "respond", status: 200, body: {} },
    );
    const { lines, debug } = logged();
    await fixtureClient(server.url, { debug }).deleteItem({ id: "7" });
    const url = `${server.url}/items/7`;
    expect(lines.map(shape)).toEqual([
      `[specsdk:fixture] DELETE ${url} → 503 (attempt 1/3, N ms)`,
      `[specsdk:fixture] DELETE ${url} retrying in 3 ms`,
      `[specsdk:fixture] DELETE ${url} → 200 (attempt 2/3, N ms)`,
    ]);
  });

  it("a stream is logged when its headers arrive; a failure by its error's name", async () => {
    server.script({ kind: "events", chunks: ['data: {"n":1}\n\n'], intervalMs: 5 });
    const { lines, debug } = logged();
    for await (const _ of fixtureClient(server.url, { debug }).streamEvents()) {
      // drain
    }
    server.script({ kind: "reset" });
    await expect(fixtureClient(server.url, { debug, maxRetries: 0 }).deleteItem({ id: "1" })).rejects.toBeInstanceOf(
      ApiConnectionError,
    );
    expect(lines.map(shape)).toEqual([
      `[specsdk:fixture] GET ${server.url}/events → 200, streaming (attempt 1/3, N ms)`,
      `[specsdk:fixture] DELETE ${server.url}/items/1 → ApiConnectionError (attempt 1/1, N ms)`,
    ]);
  });
});

describe("an event-stream operation answered with an error status", () => {
  it("is retried like any idempotent call, then streams", async () => {
    server.script(
      { kind: "respond", status: 503, headers: { "content-type": "text/event-stream", "retry-after-ms": "1" } },
      { kind: "events", chunks: ['data: {"n":1}\n\n'], intervalMs: 5 },
    );
    const events: unknown[] = [];
    for await (const event of fixtureClient(server.url).streamEvents()) events.push(event.data);
    expect(events).toEqual([{ n: 1 }]);
    expect(server.requests).toHaveLength(2);
  });

  it("throws the error for its status with the body read, not a stream", async () => {
    server.script({
      kind: "respond",
      status: 500,
      headers: { "content-type": "text/event-stream" },
      body: "data: broken\n\n",
    });
    const error = await fixtureClient(server.url, { maxRetries: 0 })
      .streamEvents()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).rawBody).toBe("data: broken\n\n");
  });
});

describe("responses", () => {
  it("a redirect fetch followed keeps the final URL and says it was redirected", async () => {
    server.script(
      { kind: "respond", status: 302, headers: { location: "/moved" } },
      { kind: "respond", status: 200, body: { ok: 1 } },
    );
    const { data, response } = await fixtureClient(server.url).deleteItem({ id: "1" }).withResponse();
    expect(data).toEqual({ ok: 1 });
    expect(response.redirected).toBe(true);
    expect(response.url).toBe(`${server.url}/moved`);
  });

  it("a custom fetch's network-error Response (status 0) is handed back as it is", async () => {
    const client = fixtureClient(server.url, { fetch: async () => Response.error(), maxRetries: 0 });
    const { error, response } = (await client.GET("/events" as never)) as { error: unknown; response: Response };
    expect(response.type).toBe("error");
    expect(response.status).toBe(0);
    expect(error).toBeTruthy();
  });
});
