/**
 * When to retry and how long to wait. Pure functions, so the policy is testable without a clock.
 */

export interface RetryPolicy {
  /** Attempts after the first one. */
  maxRetries: number;
  /** First backoff delay; doubles each retry up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A server-requested delay longer than this is ignored in favour of our own backoff. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** 429 is always safe to retry: the server refused the request without acting on it. */
export function isAlwaysRetryableStatus(status: number): boolean {
  return status === 429;
}

/** Statuses worth retrying when repeating the request cannot do harm (idempotent operations). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** `Retry-After` (seconds or HTTP date) or `retry-after-ms`, in milliseconds; undefined if absent or unusable. */
export function serverRequestedDelayMs(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = headers.get("retry-after-ms");
  if (milliseconds !== null && /^\d+(\.\d+)?$/.test(milliseconds.trim())) return Number(milliseconds);
  const retryAfter = headers.get("retry-after")?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A `retry_after` (seconds) in a JSON error body, as some APIs send instead of the header. */
export function bodyRequestedDelayMs(body: unknown): number | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>).retry_after;
  const seconds = typeof value === "string" ? Number(value) : value;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * Delay before retry number `retry` (1-based): the server's request when reasonable, otherwise
 * exponential backoff with jitter (75–100 % of the step, so clients that failed together spread out).
 */
export function retryDelayMs(
  retry: number,
  policy: RetryPolicy,
  requested: number | undefined,
  random: () => number = Math.random,
): number {
  if (requested !== undefined && requested >= 0 && requested <= policy.maxRetryAfterMs) return requested;
  const step = Math.min(policy.initialDelayMs * 2 ** (retry - 1), policy.maxDelayMs);
  return step * (1 - 0.25 * random());
}
