import { onAbort } from "./abort-listeners.js";
import type { FetchFunction } from "./client-options.js";
import type { DebugSink } from "./debug-log.js";
import {
  ApiConnectionError,
  ApiTimeoutError,
  ApiUserAbortError,
  ResponseTooLargeError,
  SpecSdkError,
} from "./errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import {
  bodyRequestedDelayMs,
  DEFAULT_RETRY_POLICY,
  isAlwaysRetryableStatus,
  isRetryableStatus,
  retryDelayMs,
  serverRequestedDelayMs,
} from "./retry-policy.js";

/** What one call asks of the transport. It travels with the call; the client's settings are the defaults. */
export interface CallPolicy {
  fetch: FetchFunction;
  /** The caller's signal: aborting it rejects with ApiUserAbortError, never retried. */
  signal: AbortSignal | undefined;
  /** Milliseconds per attempt until the body is read (or until the headers, for a stream); 0: none. */
  timeout: number;
  maxRetries: number;
  /** Whether repeating the request after the server saw it is safe. */
  idempotent: boolean;
  /** Hand a successful response over when its headers arrive (`parseAs: "stream"`, event-stream operations). */
  stream: boolean;
}

export interface TransportSettings {
  /** Milliseconds a streamed body may stay silent between chunks; 0: no limit. */
  idleTimeout: number;
  maxResponseBytes: number;
  rateLimiter: RateLimiter | undefined;
  debug: DebugSink | undefined;
  redact: (text: string) => string;
}

/** Sends one call's Request: attempts, timeouts, the rate limit and retries. */
export type Transport = (request: Request, call: CallPolicy) => Promise<Response>;

/** Responses that are streams by nature: never buffered, whatever the caller asked for. */
const STREAMING_MEDIA = /^\s*(text\/event-stream|application\/(x-)?ndjson|application\/jsonl)/i;
/** Statuses whose Response may carry no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * One attempt's stop conditions: its timeout and the caller's abort, both behind one signal that is
 * handed to `fetch`. `guard` makes them hold even for a `fetch` (or body) that ignores the signal.
 */
class Attempt {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stopFollowingCaller: () => void;

  constructor(callerSignal: AbortSignal | undefined, timeout: number) {
    this.stopFollowingCaller = onAbort(callerSignal, () => this.controller.abort(callerSignal?.reason));
    this.restartTimer(timeout);
  }

  /** Starts the deadline over (0: none): the attempt's timeout, then a stream's idle timeout per chunk. */
  restartTimer(ms: number): void {
    clearTimeout(this.timer);
    this.timer =
      ms > 0
        ? setTimeout(() => {
            this.timedOut = true;
            this.controller.abort(new DOMException("The attempt timed out", "TimeoutError"));
          }, ms)
        : undefined;
  }

  guard<T>(promise: Promise<T>): Promise<T> {
    const { signal } = this.controller;
    return new Promise<T>((resolve, reject) => {
      const stop = () => reject(signal.reason);
      if (signal.aborted) return stop();
      signal.addEventListener("abort", stop, { once: true });
      promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
    });
  }

  /** Clears the timer and stops following the caller's signal. */
  end(): void {
    clearTimeout(this.timer);
    this.stopFollowingCaller();
  }
}

/** Reads a whole body, refusing one larger than `limit` without buffering it. */
async function readBody(response: Response, limit: number, url: string): Promise<Uint8Array | null> {
  if (response.body === null) return null;
  const tooLarge = () => new ResponseTooLargeError(limit, url);
  const declared = response.headers.get("content-length");
  if (Number(declared) > limit) {
    await response.body.cancel();
    throw tooLarge();
  }
  // A declared size within the limit (fetch fails a body that runs past it): read it in one go.
  if (declared !== null) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
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

/** The response with a body we own (bytes already read, or a guarded stream) and a URL even when `fetch` gave none. */
function withBody(response: Response, body: BodyInit | null, url: string): Response {
  // A Response with status 0 (a browser's opaque redirect) cannot be constructed; it has no body to keep.
  if (response.status < 200) return response;
  const { status, statusText, headers } = response;
  const copy = new Response(NULL_BODY.has(status) ? null : body, { status, statusText, headers });
  Object.defineProperties(copy, { url: { value: response.url || url }, redirected: { value: response.redirected } });
  return copy;
}

/**
 * The response with its body passed through chunk by chunk, each read under the attempt's stop
 * conditions: the caller's abort, and `idleTimeout` of silence. The attempt ends with the stream.
 */
function guardedStream(
  response: Response,
  attempt: Attempt,
  idleTimeout: number,
  url: string,
  fail: (error: unknown) => SpecSdkError,
): Response {
  attempt.restartTimer(idleTimeout); // the headers arrived in time; from now on only silence counts
  const reader = response.body?.getReader();
  if (reader === undefined) {
    attempt.end();
    return withBody(response, null, url);
  }
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await attempt.guard(reader.read());
          if (done) {
            attempt.end();
            controller.close();
          } else {
            attempt.restartTimer(idleTimeout);
            controller.enqueue(value);
          }
        } catch (error) {
          attempt.end();
          controller.error(fail(error));
          reader.cancel().catch(() => {});
        }
      },
      cancel(reason) {
        attempt.end();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return withBody(response, body, url);
}

/** A 429 (or other retryable) JSON body's `retry_after`, in milliseconds. */
function retryAfterInBody(response: Response, body: Uint8Array | null): number | undefined {
  if (body === null || !/\bjson\b/i.test(response.headers.get("content-type") ?? "")) return undefined;
  try {
    return bodyRequestedDelayMs(JSON.parse(new TextDecoder().decode(body)));
  } catch {
    return undefined;
  }
}

/**
 * The client's one transport. openapi-fetch calls it (through each call's `fetch`) with the Request
 * it built; it runs one loop of attempts. A body is read inside its attempt, so a stalled or cut-off
 * body is a timeout or connection error of that attempt and retried like one; a stream is handed
 * over when its headers arrive, and from then on its chunks are guarded the same way.
 */
export function createTransport(settings: TransportSettings): Transport {
  const { rateLimiter, debug, redact } = settings;

  return async function send(request, call) {
    const url = redact(request.url);
    const label = `${request.method} ${url}`;
    const attempts = call.maxRetries + 1;
    const { signal } = call;

    /** What went wrong, as one of our errors: the caller's abort, a timeout, or a connection failure. */
    const failure = (error: unknown, attempt?: Attempt): SpecSdkError => {
      if (signal?.aborted) return new ApiUserAbortError(`${label} was aborted by the caller`, { cause: signal.reason });
      if (error instanceof SpecSdkError) return error;
      if (attempt?.timedOut) return new ApiTimeoutError(`${label} timed out`, request.method, url);
      const reason = redact(String((error as Error)?.message ?? error));
      return new ApiConnectionError(`${label} failed: ${reason}`, request.method, url, { cause: error });
    };
    const wait = (ms: number) =>
      new Promise<void>((resolve, reject) => {
        const stopWaiting = onAbort(signal, () => {
          clearTimeout(timer);
          reject(failure(undefined));
        });
        const timer = setTimeout(() => {
          stopWaiting();
          resolve();
        }, ms);
      });

    let unread = request;
    for (let number = 1; ; number++) {
      const isLast = number >= attempts;
      const current = unread;
      // A Request body can be sent once: keep an unread copy for the next attempt.
      if (!isLast && current.body !== null) unread = current.clone();
      if (signal?.aborted) throw failure(undefined);
      // Waiting for a rate-limit slot is not part of the attempt's timeout.
      await rateLimiter?.acquire(signal).catch((error) => Promise.reject(failure(error)));
      const attempt = new Attempt(signal, call.timeout);
      const started = Date.now();
      const log = (outcome: string) =>
        debug?.(`${label} → ${outcome} (attempt ${number}/${attempts}, ${Date.now() - started} ms)`);
      let streamed = false;
      let gotResponse = false;
      let delay: number | undefined;
      try {
        const response = await attempt.guard(call.fetch(current, { signal: attempt.controller.signal }));
        gotResponse = true;
        if (response.ok && (call.stream || STREAMING_MEDIA.test(response.headers.get("content-type") ?? ""))) {
          log(`${response.status}, streaming`);
          streamed = true;
          return guardedStream(response, attempt, settings.idleTimeout, request.url, (error) =>
            failure(error, attempt),
          );
        }
        const body = await attempt.guard(readBody(response, settings.maxResponseBytes, url));
        log(String(response.status));
        const retryable =
          isAlwaysRetryableStatus(response.status) || (call.idempotent && isRetryableStatus(response.status));
        if (!retryable || isLast) return withBody(response, body as BodyInit | null, request.url);
        delay = serverRequestedDelayMs(response.headers) ?? retryAfterInBody(response, body);
      } catch (error) {
        const problem = failure(error, attempt);
        log(problem.name);
        // Before any response the server never acted on it: always safe. After it (or on timeout), only if idempotent.
        const retryable =
          problem instanceof ApiConnectionError && (call.idempotent || (!gotResponse && !attempt.timedOut));
        if (!retryable || isLast) throw problem;
      } finally {
        if (!streamed) attempt.end();
        rateLimiter?.release();
      }
      const ms = retryDelayMs(number, DEFAULT_RETRY_POLICY, delay);
      debug?.(`${label} retrying in ${Math.round(ms)} ms`);
      await wait(ms);
    }
  };
}
