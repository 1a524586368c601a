import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** What the server does with one request. */
export type Fault =
  | { kind: "respond"; status: number; headers?: Record<string, string>; body?: string | object }
  /** Sends headers and part of the body, then resets the connection. */
  | { kind: "reset-mid-body"; status: number; partialBody: string }
  /** Resets the connection before any response. */
  | { kind: "reset" }
  /** Accepts the request and never answers. */
  | { kind: "hang" }
  /** Sends headers at once, then one chunk every `intervalMs`. */
  | { kind: "trickle"; status: number; chunks: string[]; intervalMs: number }
  /** A body of `bytes` bytes of JSON-ish filler. */
  | { kind: "oversized"; bytes: number }
  /**
   * Server-sent events: headers at once, then one chunk every `intervalMs`; then the response ends
   * (`close`, the default), the connection is reset (`cut`), or nothing more is sent (`idle`).
   */
  | { kind: "events"; chunks: string[]; intervalMs: number; end?: "close" | "cut" | "idle" }
  /**
   * A list of `total` items (`{ id: "item_1" }`, …) served a page at a time, as the request asks:
   * `link` reads `page`/`per_page` and answers a bare array with a GitHub-style `Link` header;
   * `cursor` reads `starting_after`/`limit` and answers Stripe's `{ data, has_more }`;
   * `offset` reads `offset`/`limit` and answers `{ items, total }`. Page size defaults to 10.
   */
  | { kind: "pages"; style: "link" | "cursor" | "offset"; total: number };

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  receivedAt: number;
  /** When the response's connection closed or the response ended (set for scripted faults). */
  closedAt?: number;
}

export interface FaultServer {
  url: string;
  /** Every request received, in order (counted server-side). */
  requests: ReceivedRequest[];
  /** Faults for the next requests, in order; once used up, the last one repeats. */
  script(...faults: Fault[]): void;
  /**
   * Answers 429 (with Retry-After) to any request beyond `requests` received within the last
   * `windowMs`, as a server enforcing a rate limit would; others get the scripted fault.
   */
  enforceRateLimit(limit: { requests: number; windowMs: number } | undefined): void;
  /** Number of 429s sent because of `enforceRateLimit`. */
  rateLimited: number;
  /** Between tests: forgets received requests and the rate limit, and answers every request with `fault`. */
  reset(fault?: Fault): void;
  close(): Promise<void>;
}

function send(response: ServerResponse, status: number, headers: Record<string, string> = {}, body?: string | object) {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  const contentType = typeof body === "object" ? { "content-type": "application/json" } : {};
  response.writeHead(status, { ...contentType, ...headers, "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/** One page of the `pages` fault's list, as the request's query asks for it. */
function sendPage(response: ServerResponse, style: "link" | "cursor" | "offset", total: number, url: URL) {
  const items = Array.from({ length: total }, (_, index) => ({ id: `item_${index + 1}` }));
  const query = url.searchParams;
  const size = Number(query.get(style === "link" ? "per_page" : "limit") ?? 10);
  if (style === "link") {
    const page = Number(query.get("page") ?? 1);
    const slice = items.slice((page - 1) * size, page * size);
    const headers: Record<string, string> = {};
    if (page * size < total) {
      const next = new URL(url);
      next.searchParams.set("page", String(page + 1));
      const last = new URL(url);
      last.searchParams.set("page", String(Math.ceil(total / size)));
      headers.link = `<${next.href}>; rel="next", <${last.href}>; rel="last"`;
    }
    return send(response, 200, headers, slice);
  }
  if (style === "cursor") {
    const after = query.get("starting_after");
    const start = after === null ? 0 : items.findIndex((item) => item.id === after) + 1;
    const slice = items.slice(start, start + size);
    return send(response, 200, {}, { object: "list", data: slice, has_more: start + size < total });
  }
  const offset = Number(query.get("offset") ?? 0);
  return send(response, 200, {}, { items: items.slice(offset, offset + size), total });
}

type Timers = Set<ReturnType<typeof setTimeout>>;

/** Headers and part of a 10 kB body, then the connection reset. */
function resetMidBody(
  request: IncomingMessage,
  response: ServerResponse,
  fault: { status: number; partialBody: string },
  timers: Timers,
) {
  response.writeHead(fault.status, { "content-type": "application/json", "content-length": 10_000 });
  response.write(fault.partialBody, () => {
    const timer = setTimeout(() => request.socket.destroy(), 20);
    timers.add(timer);
  });
}

/** Headers at once, then one chunk every `intervalMs`, then the end. */
function trickle(
  response: ServerResponse,
  fault: { status: number; chunks: string[]; intervalMs: number },
  timers: Timers,
) {
  response.writeHead(fault.status, { "content-type": "application/json" });
  const pending = [...fault.chunks];
  const tick = () => {
    const chunk = pending.shift();
    if (chunk === undefined || response.destroyed) return response.end();
    response.write(chunk);
    const timer = setTimeout(tick, fault.intervalMs);
    timers.add(timer);
  };
  return tick();
}

/** Server-sent events a chunk at a time; then the end, a reset or silence (see `Fault`'s `events`). */
function streamEvents(
  request: IncomingMessage,
  response: ServerResponse,
  fault: { chunks: string[]; intervalMs: number; end?: "close" | "cut" | "idle" },
  timers: Timers,
) {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  response.flushHeaders();
  const pending = [...fault.chunks];
  const tick = () => {
    const chunk = pending.shift();
    if (response.destroyed) return;
    if (chunk === undefined) return response.end();
    const last = pending.length === 0;
    response.write(chunk, () => {
      if (last && fault.end === "cut") timers.add(setTimeout(() => request.socket.destroy(), 20));
    });
    if (!last || fault.end === undefined || fault.end === "close") timers.add(setTimeout(tick, fault.intervalMs));
  };
  return tick();
}

/** `bytes` bytes of filler, written as fast as the client reads them. */
function sendOversized(response: ServerResponse, bytes: number) {
  response.writeHead(200, { "content-type": "application/json" });
  const block = "x".repeat(64 * 1024);
  let left = bytes;
  const pump = () => {
    while (left > 0 && !response.destroyed) {
      const piece = block.slice(0, Math.min(block.length, left));
      left -= piece.length;
      if (!response.write(piece)) return response.once("drain", pump);
    }
    response.end();
  };
  return pump();
}

/** Whether the requests answered within the last `windowMs` (rejected ones not counted) already reach the limit. */
function overLimit(requests: ReceivedRequest[], limit: { requests: number; windowMs: number }, receivedAt: number) {
  const windowStart = receivedAt - limit.windowMs;
  return requests.filter((r) => r.receivedAt > windowStart && r.method !== "REJECTED").length >= limit.requests;
}

/** Answers one request as `fault` says. */
function play(fault: Fault, request: IncomingMessage, response: ServerResponse, timers: Timers, baseUrl: string) {
  switch (fault.kind) {
    case "respond":
      return send(response, fault.status, fault.headers, fault.body);
    case "reset":
      return request.socket.destroy();
    case "hang":
      return;
    case "reset-mid-body":
      return resetMidBody(request, response, fault, timers);
    case "trickle":
      return trickle(response, fault, timers);
    case "events":
      return streamEvents(request, response, fault, timers);
    case "pages":
      return sendPage(response, fault.style, fault.total, new URL(request.url ?? "/", baseUrl));
    case "oversized":
      return sendOversized(response, fault.bytes);
  }
}

/** A scriptable HTTP server on 127.0.0.1 and a random port, for testing the client runtime over real sockets. */
export async function startFaultServer(): Promise<FaultServer> {
  let faults: Fault[] = [{ kind: "respond", status: 200, body: {} }];
  let limit: { requests: number; windowMs: number } | undefined;
  const sockets = new Set<Socket>();
  const timers: Timers = new Set();

  const state: FaultServer = {
    url: "",
    requests: [],
    rateLimited: 0,
    script: (...next) => {
      faults = next;
    },
    enforceRateLimit: (next) => {
      limit = next;
    },
    reset: (fault = { kind: "respond", status: 200, body: {} }) => {
      state.requests.length = 0;
      state.rateLimited = 0;
      limit = undefined;
      faults = [fault];
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const receivedAt = Date.now();
    if (limit) {
      if (overLimit(state.requests, limit, receivedAt)) {
        state.rateLimited++;
        state.requests.push({
          method: "REJECTED",
          url: request.url ?? "",
          headers: request.headers,
          body: "",
          receivedAt,
        });
        return send(
          response,
          429,
          { "retry-after": String(Math.ceil(limit.windowMs / 1000)) },
          { error: "rate limited" },
        );
      }
    }
    const received: ReceivedRequest = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      receivedAt,
    };
    state.requests.push(received);
    response.on("close", () => {
      received.closedAt = Date.now();
    });
    const fault = faults.length > 1 ? (faults.shift() as Fault) : (faults[0] as Fault);
    return play(fault, request, response, timers, state.url);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
