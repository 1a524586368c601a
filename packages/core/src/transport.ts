import { onAbort } from "./abort-listeners.js";
import { BufferedResponse } from "./buffered-response.js";
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
import { isRetryableStatus, requestedDelayMs, retryDelayMs } from "./retry-policy.js";

/** What one call asks of the transport. It travels with the call; the client's options are the defaults. */
export interface CallPolicy {
  fetch: FetchFunction;
  /** The caller's signal: aborting it rejects with ApiUserAbortError, never retried. */
  signal: AbortSignal | undefined;
  /** Milliseconds per attempt until the body is read (for a stream: until the headers); 0: none. */
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

/**
 * One attempt's stop conditions, its timeout and the caller's abort, behind the signal handed to
 * `fetch`. `guard` makes them hold even for a `fetch` (or body) that ignores the signal.
 */
class Attempt {
  readonly controller = new AbortController();
  timedOut = false;
  declare private timer: ReturnType<typeof setTimeout> | undefined;
  declare private readonly stopFollowingCaller: () => void;
  /** Rejects the step being guarded (one at a time: the exchange, then a stream's reads). */
  declare private rejectStep: ((reason: unknown) => void) | undefined;

  constructor(callerSignal: AbortSignal | undefined, timeout: number) {
    this.stopFollowingCaller = onAbort(callerSignal, () => this.stop(callerSignal?.reason));
    this.restartTimer(timeout);
  }

  /** Starts the deadline over (0: none): the attempt's timeout, then a stream's idle timeout per chunk. */
  restartTimer(ms: number): void {
    clearTimeout(this.timer);
    this.timer = ms > 0 ? setTimeout(() => this.timeOut(), ms) : undefined;
  }

  private timeOut(): void {
    this.timedOut = true;
    this.stop(new DOMException("The attempt timed out", "TimeoutError"));
  }

  private stop(reason: unknown): void {
    this.controller.abort(reason);
    this.rejectStep?.(reason);
  }

  /** `promise`, unless the attempt stops first. A callback slot, not a listener on the signal: it is cheaper. */
  guard<T>(promise: Promise<T>): Promise<T> {
    const { signal } = this.controller;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      this.rejectStep = reject;
      promise.then(resolve, reject).finally(() => {
        if (this.rejectStep === reject) this.rejectStep = undefined;
      });
    });
  }

  /** Clears the timer and stops following the caller's signal. */
  end(): void {
    clearTimeout(this.timer);
    this.stopFollowingCaller();
  }
}

/** Reads a whole body into memory, refusing one larger than `limit` before buffering past it. */
async function readBody(response: Response, limit: number, url: () => string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (response.body === null) return null;
  const chunks: Uint8Array[] = [];
  let size = Number(response.headers.get("content-length")); // a declared size is exact: fetch fails a longer body
  const reader = response.body.getReader();
  if (!(size > limit)) {
    size = 0;
    for (let read = await reader.read(); !read.done && size <= limit; read = await reader.read()) {
      size += read.value.byteLength;
      chunks.push(read.value);
    }
  }
  if (size > limit) {
    await reader.cancel();
    throw new ResponseTooLargeError(limit, url());
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The response with its body replaced by `body` (a guarded stream), and a URL even when `fetch` gave none. */
function withStream(response: Response, body: ReadableStream | null, url: string): Response {
  const { status, statusText, headers } = response;
  const copy = new Response(body, { status, statusText, headers });
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
  fail: (error: unknown) => Error,
): Response {
  attempt.restartTimer(idleTimeout); // the headers arrived in time; from now on only silence counts
  const reader = response.body?.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const read = await attempt.guard((reader as ReadableStreamDefaultReader<Uint8Array>).read());
          if (read.done) {
            attempt.end();
            controller.close();
          } else {
            attempt.restartTimer(idleTimeout);
            controller.enqueue(read.value);
          }
        } catch (error) {
          attempt.end();
          controller.error(fail(error));
          reader?.cancel().catch(() => {});
        }
      },
      cancel(reason) {
        attempt.end();
        return reader?.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  if (reader === undefined) attempt.end();
  return withStream(response, reader === undefined ? null : body, url);
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
    const attempts = call.maxRetries + 1;
    const { signal } = call;
    // Only messages need the redacted URL: built when one is written.
    const url = () => redact(request.url);
    const label = () => `${request.method} ${url()}`;

    /** What went wrong, as one of our errors: the caller's abort, a timeout, or a connection failure. */
    const failure = (error: unknown, attempt?: Attempt): SpecSdkError => {
      if (signal?.aborted)
        return new ApiUserAbortError(`${label()} was aborted by the caller`, { cause: signal.reason });
      if (error instanceof SpecSdkError) return error;
      if (attempt?.timedOut) return new ApiTimeoutError(`${label()} timed out`, request.method, url());
      const reason = redact(String((error as Error)?.message ?? error));
      return new ApiConnectionError(`${label()} failed: ${reason}`, request.method, url(), { cause: error });
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
      if (rateLimiter) await rateLimiter.acquire(signal).catch((error) => Promise.reject(failure(error)));
      const attempt = new Attempt(signal, call.timeout);
      const started = debug ? Date.now() : 0;
      const log = (outcome: string) =>
        debug?.(`${label()} → ${outcome} (attempt ${number}/${attempts}, ${Date.now() - started} ms)`);
      let answered = false;
      let streamed = false;
      let delay: number | undefined;
      try {
        // One guarded exchange: the response, then (unless it streams) its whole body.
        const { response, body } = await attempt.guard(
          (async () => {
            const received = await call.fetch(current, { signal: attempt.controller.signal });
            answered = true;
            streamed = received.ok && (call.stream || STREAMING_MEDIA.test(received.headers.get("content-type") ?? ""));
            return {
              response: received,
              body: streamed ? null : await readBody(received, settings.maxResponseBytes, url),
            };
          })(),
        );
        log(streamed ? `${response.status}, streaming` : String(response.status));
        if (streamed) {
          // A stream that fails later fails the caller's read with the errors an attempt would throw.
          return guardedStream(response, attempt, settings.idleTimeout, request.url, (error) =>
            failure(error, attempt),
          );
        }
        if (!isRetryableStatus(response.status, call.idempotent) || isLast) {
          // A browser's opaque redirect (status 0) has no body to keep, and cannot be rebuilt.
          return response.status < 200 ? response : new BufferedResponse(response, body, request.url);
        }
        delay = requestedDelayMs(response.headers, body);
      } catch (error) {
        const problem = failure(error, attempt);
        log(problem.name);
        // Before any response the server never acted on it: always safe. After it (or on timeout), only if idempotent.
        const retryable =
          problem instanceof ApiConnectionError && (call.idempotent || (!answered && !attempt.timedOut));
        if (!retryable || isLast) throw problem;
      } finally {
        if (!streamed) attempt.end();
        rateLimiter?.release();
      }
      const ms = retryDelayMs(number, delay);
      debug?.(`${label()} retrying in ${Math.round(ms)} ms`);
      await wait(ms);
    }
  };
}
