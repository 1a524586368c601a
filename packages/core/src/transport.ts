import { AttemptDeadlines } from "./attempt-deadlines.js";
import { AttemptSignal } from "./attempt-signal.js";
import { redact } from "./credentials.js";
import type { DebugSink } from "./debug-log.js";
import { ApiConnectionError, ApiTimeoutError, ResponseTooLargeError } from "./errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import { decodeBody } from "./response-body.js";
import {
  bodyRequestedDelayMs,
  isAlwaysRetryableStatus,
  isRetryableStatus,
  type RetryPolicy,
  retryDelayMs,
  serverRequestedDelayMs,
} from "./retry-policy.js";

/**
 * A `fetch`: called with the Request openapi-fetch built and an init carrying the attempt's abort
 * signal (plus openapi-fetch's `requestInitExt`, if any). Honour `init.signal` to stop the network
 * work on timeout; the call itself fails on time either way.
 */
export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * What the client knows about one call before its Request is built. The timeout and
 * the caller's signal reach `fetch` through its init instead of through the Request, because a
 * Request that follows a signal costs about a fifth of a call (measured, BENCHMARKS.md §1).
 */
export class CallContext {
  /**
   * The request body as serialized for the Request, when it can be sent again unchanged (a string
   * or a Blob): later attempts rebuild from it instead of every call keeping a `clone()` (a stream
   * tee, the costliest part of a retryable POST). Streams and FormData still use the clone.
   */
  replayableBody: string | Blob | undefined;
  /** A successful response's body, read by the transport, when `takesBytes` (null: no body). */
  bytes: Uint8Array | null | undefined;
  /**
   * @param callerSignal the caller's own abort signal
   * @param takesBytes whether the caller decodes a successful body from `bytes`: the transport then
   *   returns the response as received instead of wrapping the bytes it read in a new Response.
   */
  constructor(
    readonly callerSignal: AbortSignal | undefined,
    readonly takesBytes: boolean,
  ) {}

  /** Passes the serialized body through, remembering it when it can be replayed. */
  keepBody<T>(body: T): T {
    if (typeof body === "string" || body instanceof Blob) this.replayableBody = body;
    // A URLSearchParams can change after the call; its text cannot (the Request holds that text).
    else if (body instanceof URLSearchParams) this.replayableBody = body.toString();
    return body;
  }
}

/** A transport: `fetch` with retries and timeouts, plus what the client prepared for this call. */
export type Transport = (request: Request, init?: RequestInit, call?: CallContext) => Promise<Response>;

export interface TransportOptions {
  fetch: FetchFunction;
  retry: RetryPolicy;
  /** Per attempt, from sending until the whole body has been read. 0 disables. */
  timeoutMs: number;
  /** Bodies larger than this are refused (the transport buffers bodies to time them out and retry). */
  maxResponseBytes: number;
  /** Whether repeating this request after the server saw it is safe (idempotent operation). */
  idempotent: (request: Request) => boolean;
  rateLimiter?: RateLimiter | undefined;
  debug?: DebugSink | undefined;
  secret: string;
}

/** A new Response holding the bytes already read, so openapi-fetch (or middleware) can read them again. */
function rewrap(response: Response, body: Uint8Array | null): Response {
  const buffered = new Response(body as BodyInit | null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A constructed Response has an empty `url`; keep the one the server answered at (after redirects).
  if (response.url) Object.defineProperty(buffered, "url", { value: response.url });
  if (response.redirected) Object.defineProperty(buffered, "redirected", { value: true });
  return buffered;
}

/** Waits `ms`, or rejects as soon as the caller aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal === undefined) {
      setTimeout(resolve, ms);
      return;
    }
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

async function readBody(response: Response, limit: number, url: () => string): Promise<Uint8Array | null> {
  if (response.body === null) return null;
  const declared = Number(response.headers.get("content-length"));
  if (declared > limit) {
    await response.body.cancel();
    throw new ResponseTooLargeError(limit, url());
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new ResponseTooLargeError(limit, url());
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function retryAfterFromBody(body: Uint8Array | null, response: Response): number | undefined {
  if (body === null || !/json/i.test(response.headers.get("content-type") ?? "")) return undefined;
  try {
    return bodyRequestedDelayMs(decodeBody(body, response, "json"));
  } catch {
    return undefined;
  }
}

/**
 * The `fetch` openapi-fetch calls: one readable loop of attempts with a per-attempt timeout,
 * client-side rate limiting, and retries that are only made when repeating the request is safe.
 * Bodies are read inside the attempt, so a stalled or cut-off body is a timeout or connection
 * error of that attempt (and retried like one), never a surprise later in the caller's code.
 */
export function createTransport(options: TransportOptions): Transport {
  const { retry, timeoutMs, rateLimiter, debug, secret } = options;
  const deadlines = timeoutMs > 0 ? new AttemptDeadlines(timeoutMs) : undefined;

  return async function send(request: Request, init?: RequestInit, call?: CallContext): Promise<Response> {
    const callerSignal = call ? call.callerSignal : request.signal;
    // Only for messages: serializing the URL and redacting it is not free, and most calls need neither.
    const url = () => redact(request.url, secret);
    const idempotent = options.idempotent(request);
    const attempts = retry.maxRetries + 1;
    const replayable = call?.replayableBody;
    // An unread Request for the next attempt to send.
    let unread = request;

    for (let attempt = 1; ; attempt++) {
      const isLast = attempt >= attempts;
      const current = unread;
      // Keep an unread copy for the next attempt: a Request body can be sent only once. Without a
      // body there is nothing to use up, so the next attempt can send the same Request again.
      if (!isLast && current.body !== null && replayable === undefined) unread = current.clone();
      let retryReason: string;
      let requestedDelay: number | undefined;
      // Waiting for a rate-limit slot is not part of the attempt's timeout.
      if (rateLimiter !== undefined) await rateLimiter.acquire(callerSignal);
      // Nothing can stop an attempt without a timeout or a caller signal: no signal to make then.
      const attemptSignal =
        deadlines !== undefined || callerSignal !== undefined ? new AttemptSignal(callerSignal, deadlines) : undefined;
      const started = debug ? Date.now() : 0;
      let gotResponse = false;

      try {
        const exchange = async () => {
          const response = await options.fetch(
            attempt > 1 && replayable !== undefined ? new Request(request, { body: replayable }) : current,
            attemptSignal === undefined ? init : attemptSignal.fetchInit(init),
          );
          gotResponse = true;
          return { response, body: await readBody(response, options.maxResponseBytes, url) };
        };
        // The guard makes the timeout hold even for a fetch that ignores `init.signal`.
        const { response, body } = await (attemptSignal ? attemptSignal.guard(exchange) : exchange());
        debug?.(
          `${request.method} ${url()} → ${response.status} (attempt ${attempt}/${attempts}, ${Date.now() - started} ms)`,
        );
        if (response.ok && call?.takesBytes) {
          call.bytes = body;
          return response;
        }
        const retryable =
          isAlwaysRetryableStatus(response.status) || (idempotent && isRetryableStatus(response.status));
        if (!retryable || isLast) return rewrap(response, body);
        retryReason = `status ${response.status}`;
        requestedDelay = serverRequestedDelayMs(response.headers) ?? retryAfterFromBody(body, response);
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason; // the caller's abort: never retried, never a timeout
        if (error instanceof ResponseTooLargeError) throw error;
        const timedOut = attemptSignal?.timedOut === true;
        const failure = timedOut
          ? new ApiTimeoutError(`${request.method} ${url()} timed out after ${timeoutMs} ms`, request.method, url())
          : new ApiConnectionError(
              `${request.method} ${url()} failed: ${redact(String((error as Error)?.message ?? error), secret)}`,
              request.method,
              url(),
              { cause: error },
            );
        debug?.(
          `${request.method} ${url()} → ${failure.name} (attempt ${attempt}/${attempts}, ${Date.now() - started} ms)`,
        );
        // Before any response the server never acted on it: always safe. After (or on timeout), only if idempotent.
        const retryable = timedOut ? idempotent : !gotResponse || idempotent;
        if (!retryable || isLast) throw failure;
        retryReason = failure.name;
        requestedDelay = undefined;
      } finally {
        attemptSignal?.dispose();
        rateLimiter?.release();
      }

      const delay = retryDelayMs(attempt, retry, requestedDelay);
      debug?.(`${request.method} ${url()} retrying after ${retryReason} in ${Math.round(delay)} ms`);
      await sleep(delay, callerSignal);
    }
  };
}
