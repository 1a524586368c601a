/**
 * Which response bodies the transport buffers (and caps at `maxResponseBytes`) and which it hands
 * over as streams, at the exact size limit and for the statuses that carry no body, against a
 * loopback server that answers each request as the test says.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { ResponseTooLargeError } from "../src/errors.js";
import { fixtureClient } from "./fixture-provider.js";

let answer: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => response.end();
const server = createServer((request, response) => answer(request, response));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Answers with `body` in two chunks, without a Content-Length (chunked), as `contentType`. */
function chunked(contentType: string, body: string) {
  answer = (_, response) => {
    response.writeHead(200, { "content-type": contentType });
    response.write(body.slice(0, 1));
    setTimeout(() => response.end(body.slice(1)), 5);
  };
}

/** Answers with `body` and its Content-Length. */
function declared(body: string) {
  answer = (_, response) => {
    response.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(body) });
    response.end(body);
  };
}

const LIMIT = 64;
const client = () => fixtureClient(baseUrl, { maxResponseBytes: LIMIT, maxRetries: 0 });
const getText = () => client().GET("/events" as never, { parseAs: "text" } as never) as Promise<{ data: unknown }>;

describe("stream media types are never buffered, so never capped", () => {
  it.each([
    "text/event-stream",
    "application/x-ndjson",
    "application/ndjson",
    "application/jsonl",
    "Application/X-NDJSON; charset=utf-8",
  ])("%s passes a body over maxResponseBytes", async (contentType) => {
    const body = "y".repeat(LIMIT * 2);
    chunked(contentType, body);
    expect((await getText()).data).toBe(body);
  });

  it.each(["application/json", "text/plain", 'application/json; profile="application/x-ndjson"'])(
    "%s is buffered and refused over it",
    async (contentType) => {
      chunked(contentType, "y".repeat(LIMIT * 2));
      await expect(getText()).rejects.toBeInstanceOf(ResponseTooLargeError);
    },
  );
});

describe("maxResponseBytes is the largest body accepted", () => {
  it("a chunked body of exactly the limit is read; one byte more is refused", async () => {
    chunked("application/json", "z".repeat(LIMIT));
    expect((await getText()).data).toBe("z".repeat(LIMIT));
    chunked("application/json", "z".repeat(LIMIT + 1));
    await expect(getText()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it("a declared body of exactly the limit is read; one byte more is refused", async () => {
    declared("w".repeat(LIMIT));
    expect((await getText()).data).toBe("w".repeat(LIMIT));
    declared("w".repeat(LIMIT + 1));
    await expect(getText()).rejects.toBeInstanceOf(ResponseTooLargeError);
  });
});

describe("statuses without a body", () => {
  it.each([204, 205, 304])("%i gives the response with no body, not a failure", async (status) => {
    answer = (_, response) => {
      response.writeHead(status, { etag: '"v1"' });
      response.end();
    };
    const { response } = (await client().GET("/events" as never, { parseAs: "text" } as never)) as {
      response: Response;
    };
    expect(response.status).toBe(status);
    expect(response.headers.get("etag")).toBe('"v1"');
    expect(response.body).toBeNull();
  });
});
