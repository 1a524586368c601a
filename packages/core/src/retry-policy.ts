import { isJsonMediaType } from "./vocabulary.js";

/** When to retry and how long to wait. Pure functions, so the policy is testable without a clock. */

export const DEFAULT_MAX_RETRIES = 2;
/** First backoff delay; doubles each retry up to MAX_DELAY_MS. */
const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;
/** A server-requested delay longer than this is ignored in favour of our own backoff. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * 429 is always worth retrying: the server refused the request without acting on it. 408, 409 and
 * 5xx only when repeating the request cannot do harm (idempotent operations).
 */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  return status === 429 || (idempotent && (status === 408 || status === 409 || status >= 500));
}

const SECONDS = /^\d+(\.\d+)?$/;

/**
 * The delay the server asked for, in milliseconds: `retry-after-ms`, `Retry-After` (seconds or an
 * HTTP date), or a JSON body's `retry_after` (seconds, as some APIs send instead of the header).
 */
export function requestedDelayMs(
  headers: Headers,
  body: Uint8Array | null,
  now: number = Date.now(),
): number | undefined {
  const milliseconds = headers.get("retry-after-ms")?.trim();
  if (milliseconds && SECONDS.test(milliseconds)) return Number(milliseconds);
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter && SECONDS.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = Date.parse(retryAfter ?? "");
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  if (body === null || !isJsonMediaType(headers.get("content-type"))) return undefined;
  try {
    const seconds = Number((JSON.parse(new TextDecoder().decode(body)) as { retry_after?: unknown }).retry_after);
    return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Delay before retry number `retry` (1-based): the server's request when reasonable, otherwise
 * exponential backoff with jitter (75–100 % of the step, so clients that failed together spread out).
 */
export function retryDelayMs(retry: number, requested: number | undefined, random: () => number = Math.random): number {
  if (requested !== undefined && requested <= MAX_RETRY_AFTER_MS) return requested;
  return Math.min(INITIAL_DELAY_MS * 2 ** (retry - 1), MAX_DELAY_MS) * (1 - 0.25 * random());
}
