import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_RETRIES, isRetryableStatus, requestedDelayMs, retryDelayMs } from "../src/retry-policy.js";

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const headers = (entries: Record<string, string>) => new Headers(entries);
const NOW = Date.parse("2026-01-01T00:00:00Z");

describe("isRetryableStatus", () => {
  it.each([
    [429, false, true],
    [429, true, true],
    [408, true, true],
    [409, true, true],
    [500, true, true],
    [503, true, true],
    [599, true, true],
    [408, false, false],
    [409, false, false],
    [500, false, false],
    [400, true, false],
    [404, true, false],
    [410, true, false],
    [499, true, false],
    [200, true, false],
  ])("%i (idempotent: %s) → %s", (status, idempotent, retryable) => {
    expect(isRetryableStatus(status, idempotent)).toBe(retryable);
  });

  it("retries twice by default", () => {
    expect(DEFAULT_MAX_RETRIES).toBe(2);
  });
});

describe("requestedDelayMs", () => {
  it.each([
    ["retry-after-ms", { "retry-after-ms": "250" }, 250],
    ["retry-after-ms with spaces and a fraction", { "retry-after-ms": " 12.5 " }, 12.5],
    ["retry-after-ms wins over Retry-After", { "retry-after-ms": "7", "retry-after": "3" }, 7],
    ["Retry-After in seconds", { "retry-after": "3" }, 3000],
    ["Retry-After with spaces and a fraction", { "retry-after": " 1.5 " }, 1500],
    ["Retry-After: 0", { "retry-after": "0" }, 0],
    ["an unusable retry-after-ms falls through to Retry-After", { "retry-after-ms": "soon", "retry-after": "2" }, 2000],
    ["Retry-After as an HTTP date", { "retry-after": new Date(NOW + 4000).toUTCString() }, 4000],
    ["Retry-After as a date in the past", { "retry-after": new Date(NOW - 4000).toUTCString() }, 0],
  ])("%s", (_, entries, expected) => {
    expect(requestedDelayMs(headers(entries), null, NOW)).toBe(expected);
  });

  it.each([
    ["no header, no body", {}, null],
    ["seconds with a unit", { "retry-after": "5s" }, null],
    ["a JSON body on a response that is not JSON", { "content-type": "text/plain" }, json({ retry_after: 2 })],
    ["a JSON body without content-type", {}, json({ retry_after: 2 })],
    ["a body that is not JSON", { "content-type": "application/json" }, new TextEncoder().encode("{nope")],
    ["a negative retry_after", { "content-type": "application/json" }, json({ retry_after: -1 })],
    ["a retry_after that is not a number", { "content-type": "application/json" }, json({ retry_after: "later" })],
    ["no retry_after", { "content-type": "application/json" }, json({ error: "slow down" })],
  ])("is undefined for %s", (_, entries, body) => {
    expect(requestedDelayMs(headers(entries), body, NOW)).toBeUndefined();
  });

  it.each([
    ["application/json", 2, 2000],
    ["application/problem+json; charset=utf-8", 0.5, 500],
    ["application/json", 0, 0],
    ["application/json", "3", 3000],
  ])("reads retry_after (seconds) from a %s body", (type, seconds, expected) => {
    expect(requestedDelayMs(headers({ "content-type": type }), json({ retry_after: seconds }), NOW)).toBe(expected);
  });

  it("measures an HTTP date from now by default", () => {
    const delay = requestedDelayMs(headers({ "retry-after": new Date(Date.now() + 60_000).toUTCString() }), null);
    expect(delay).toBeGreaterThan(55_000);
    expect(delay).toBeLessThanOrEqual(60_000);
  });
});

describe("retryDelayMs", () => {
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [4, 4000],
    [5, 8000],
    [6, 8000],
    [12, 8000],
  ])("retry %i backs off from %i ms, with jitter down to 75 %%", (retry, step) => {
    expect(retryDelayMs(retry, undefined, () => 0)).toBe(step);
    expect(retryDelayMs(retry, undefined, () => 1)).toBe(step * 0.75);
    expect(retryDelayMs(retry, undefined, () => 0.5)).toBe(step * 0.875);
  });

  it("uses Math.random for the jitter by default", () => {
    for (let i = 0; i < 20; i++) {
      const delay = retryDelayMs(1, undefined);
      expect(delay).toBeGreaterThan(375);
      expect(delay).toBeLessThanOrEqual(500);
    }
  });

  it.each([
    [0, 0],
    [1234, 1234],
    [60_000, 60_000],
  ])("honours a requested %i ms", (requested, expected) => {
    expect(retryDelayMs(3, requested, () => 0)).toBe(expected);
  });

  it("ignores a request over a minute for its own backoff", () => {
    expect(retryDelayMs(2, 60_001, () => 0)).toBe(1000);
  });
});
