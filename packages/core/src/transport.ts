import { redact } from "./credentials.js";
import type { DebugSink } from "./debug-log.js";
import { ApiConnectionError, ApiTimeoutError, ResponseTooLargeError } from "./errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import {
  bodyRequestedDelayMs,
  isAlwaysRetryableStatus,
  isRetryableStatus,
  type RetryPolicy,
  retryDelayMs,
  serverRequestedDelayMs,
} from "./retry-policy.js";

export type FetchFunction = (request: Request) => Promise<Response>;

/**
 * The first attempt's abort controller, made by the client before openapi-fetch builds the Request
 * and passed in its init, so the Request carries this signal from the start. The first attempt (in
 * practice almost always the only one) is then sent as built instead of being wrapped in a second
 * Request for its timeout. `callerSignal` is the caller's own signal, which the Request now follows
 * only through this controller.
 */
export class FirstAttempt {
  readonly controller = new AbortController();
  /**
   * The request body as serialized for the Request, when it can be sent again unchanged (a string
   * or a Blob): later attempts rebuild from it instead of every call keeping a `clone()` (a stream
   * tee, the costliest part of a retryable POST). Streams and FormData still use the clone.
   */
  replayableBody: string | Blob | undefined;
  constructor(readonly callerSignal: AbortSignal | undefined) {}

  /** Passes the serialized body through, remembering it when it can be replayed. */
  keepBody<T>(body: T): T {
    if (typeof body === "string" || body instanceof Blob) this.replayableBody = body;
    // A URLSearchParams can change after the call; its text cannot (the Request holds that text).
    else if (body instanceof URLSearchParams) this.replayableBody = body.toString();
    return body;
  }
}

/** A transport: `fetch` plus, when the client prepared one, the first attempt's controller. */
export type Transport = (request: Request, firstAttempt?: FirstAttempt) => Promise<Response>;

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

class AttemptTimeout extends Error {}

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

async function readBody(response: Response, limit: number, url: string): Promise<Uint8Array | null> {
  if (response.body === null) return null;
  const declared = Number(response.headers.get("content-length"));
  if (declared > limit) {
    await response.body.cancel();
    throw new ResponseTooLargeError(limit, url);
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
      throw new ResponseTooLargeError(limit, url);
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
    return bodyRequestedDelayMs(JSON.parse(new TextDecoder().decode(body)));
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

  return async function send(request: Request, firstAttempt?: FirstAttempt): Promise<Response> {
    const callerSignal = firstAttempt ? firstAttempt.callerSignal : request.signal;
    const url = redact(request.url, secret);
    const idempotent = options.idempotent(request);
    const attempts = retry.maxRetries + 1;
    // An unread Request for the next attempt to send.
    let unread = request;
    const replayable = firstAttempt?.replayableBody;

    for (let attempt = 1; ; attempt++) {
      const isLast = attempt >= attempts;
      const current = unread;
      // Keep an unread copy for the next attempt: a Request body can be sent only once. Without a
      // body there is nothing to use up, so the next attempt can wrap the same Request again.
      if (!isLast && current.body !== null && replayable === undefined) unread = current.clone();
      let retryReason: string;
      let requestedDelay: number | undefined;
      // Waiting for a rate-limit slot is not part of the attempt's timeout.
      await rateLimiter?.acquire(callerSignal);
      const asBuilt = attempt === 1 && firstAttempt !== undefined;
      const controller = asBuilt ? firstAttempt.controller : new AbortController();
      const onCallerAbort = () => controller.abort(callerSignal?.reason);
      callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
      if (callerSignal?.aborted) onCallerAbort();
      const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs) : undefined;
      const started = Date.now();
      let gotResponse = false;

      try {
        // The Request openapi-fetch built already carries the first attempt's signal; later
        // attempts wrap the unread copy (or the request with its replayable body) with their own.
        const response = await options.fetch(
          asBuilt
            ? current
            : replayable !== undefined
              ? new Request(request, { body: replayable, signal: controller.signal })
              : new Request(current, { signal: controller.signal }),
        );
        gotResponse = true;
        const body = await readBody(response, options.maxResponseBytes, url);
        debug?.(
          `${request.method} ${url} → ${response.status} (attempt ${attempt}/${attempts}, ${Date.now() - started} ms)`,
        );
        const retryable =
          isAlwaysRetryableStatus(response.status) || (idempotent && isRetryableStatus(response.status));
        const buffered = new Response(body as BodyInit | null, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
        // A constructed Response has an empty `url`; keep the one the server answered at (after redirects).
        if (response.url) Object.defineProperty(buffered, "url", { value: response.url });
        if (response.redirected) Object.defineProperty(buffered, "redirected", { value: true });
        if (!retryable || isLast) return buffered;
        retryReason = `status ${response.status}`;
        requestedDelay = serverRequestedDelayMs(response.headers) ?? retryAfterFromBody(body, response);
      } catch (error) {
        if (callerSignal?.aborted) throw callerSignal.reason; // the caller's abort: never retried, never a timeout
        if (error instanceof ResponseTooLargeError) throw error;
        const timedOut = controller.signal.reason instanceof AttemptTimeout;
        const failure = timedOut
          ? new ApiTimeoutError(`${request.method} ${url} timed out after ${timeoutMs} ms`, request.method, url)
          : new ApiConnectionError(
              `${request.method} ${url} failed: ${redact(String((error as Error)?.message ?? error), secret)}`,
              request.method,
              url,
              { cause: error },
            );
        debug?.(
          `${request.method} ${url} → ${failure.name} (attempt ${attempt}/${attempts}, ${Date.now() - started} ms)`,
        );
        // Before any response the server never acted on it: always safe. After (or on timeout), only if idempotent.
        const retryable = timedOut ? idempotent : !gotResponse || idempotent;
        if (!retryable || isLast) throw failure;
        retryReason = failure.name;
        requestedDelay = undefined;
      } finally {
        clearTimeout(timer);
        callerSignal?.removeEventListener("abort", onCallerAbort);
        rateLimiter?.release();
      }

      const delay = retryDelayMs(attempt, retry, requestedDelay);
      debug?.(`${request.method} ${url} retrying after ${retryReason} in ${Math.round(delay)} ms`);
      await sleep(delay, callerSignal);
    }
  };
}
