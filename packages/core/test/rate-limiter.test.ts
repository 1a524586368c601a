import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimiter } from "../src/rate-limiter.js";

let now = 1_000;
beforeEach(() => {
  vi.useFakeTimers();
  now = 1_000;
});
afterEach(() => vi.useRealTimers());

/** Advances both the limiter's clock and the timers. */
async function advance(ms: number) {
  now += ms;
  await vi.advanceTimersByTimeAsync(ms);
}

function tracked(promise: Promise<void>) {
  const state = { settled: false, error: undefined as unknown };
  promise.then(
    () => {
      state.settled = true;
    },
    (error: unknown) => {
      state.settled = true;
      state.error = error;
    },
  );
  return state;
}

describe("RateLimiter", () => {
  it("grants `requests` slots at once, then queues", async () => {
    const limiter = new RateLimiter({ requests: 2, perMilliseconds: 100 }, () => now);
    const [a, b, c] = [tracked(limiter.acquire()), tracked(limiter.acquire()), tracked(limiter.acquire())];
    await advance(0);
    expect([a.settled, b.settled, c.settled]).toEqual([true, true, false]);
  });

  it("a released slot is free again a full window after the response, not before", async () => {
    const limiter = new RateLimiter({ requests: 1, perMilliseconds: 100 }, () => now);
    await limiter.acquire();
    const next = tracked(limiter.acquire());
    await advance(50);
    limiter.release();
    await advance(99);
    expect(next.settled).toBe(false);
    await advance(2);
    expect(next.settled).toBe(true);
  });

  it("a slot held in flight is not freed by time: only release() frees it", async () => {
    const limiter = new RateLimiter({ requests: 1, perMilliseconds: 10 }, () => now);
    await limiter.acquire();
    const next = tracked(limiter.acquire());
    await advance(1_000);
    expect(next.settled).toBe(false);
    limiter.release();
    await advance(11);
    expect(next.settled).toBe(true);
  });

  it("grants waiting callers first come, first served", async () => {
    const limiter = new RateLimiter({ requests: 1, perMilliseconds: 10 }, () => now);
    await limiter.acquire();
    const order: number[] = [];
    const waits = [1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n)));
    for (let i = 0; i < 3; i++) {
      limiter.release();
      await advance(11);
    }
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });

  it("a caller that aborts while queued is rejected with its reason and gives up its place", async () => {
    const limiter = new RateLimiter({ requests: 1, perMilliseconds: 10 }, () => now);
    await limiter.acquire();
    const controller = new AbortController();
    const leaving = tracked(limiter.acquire(controller.signal));
    const staying = tracked(limiter.acquire());
    const reason = new Error("caller gave up");
    controller.abort(reason);
    await advance(0);
    expect(leaving).toEqual({ settled: true, error: reason });
    limiter.release();
    await advance(11);
    expect(staying).toEqual({ settled: true, error: undefined });
  });

  it("an already aborted signal is refused at once, without taking a slot", async () => {
    const limiter = new RateLimiter({ requests: 1, perMilliseconds: 10 }, () => now);
    const controller = new AbortController();
    controller.abort(new Error("too late"));
    expect(() => limiter.acquire(controller.signal)).toThrow("too late");
    const next = tracked(limiter.acquire());
    await advance(0);
    expect(next.settled).toBe(true);
  });

  it("counts completions inside the window only: `requests` per window, in any window", async () => {
    const limiter = new RateLimiter({ requests: 2, perMilliseconds: 100 }, () => now);
    await limiter.acquire();
    limiter.release(); // completes at 1000
    await advance(40);
    await limiter.acquire();
    limiter.release(); // completes at 1040
    const third = tracked(limiter.acquire());
    await advance(59);
    expect(third.settled).toBe(false);
    await advance(2); // 1101: the completion at 1000 has left the window
    expect(third.settled).toBe(true);
    const fourth = tracked(limiter.acquire());
    limiter.release(); // completes at 1101
    await advance(38);
    expect(fourth.settled).toBe(false);
    await advance(2); // 1141: the one at 1040 has left
    expect(fourth.settled).toBe(true);
  });
});
