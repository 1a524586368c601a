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

/**
 * When the limiter wakes: once, when the oldest completion leaves the window, never polling. A
 * limiter that wakes too early still grants correctly, so only its timers show the difference.
 */
describe("RateLimiter wake-ups", () => {
  afterEach(() => vi.restoreAllMocks());

  const timerDelays = () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    return () => spy.mock.calls.map(([, delay]) => delay);
  };

  it("a full window sets one timer, for 1 ms after its oldest completion leaves it", async () => {
    const limiter = new RateLimiter({ requests: 1, perMilliseconds: 100 }, () => now);
    await limiter.acquire();
    await advance(30);
    limiter.release(); // completes at 1030: free again at 1131
    await advance(20);
    const delays = timerDelays();
    const first = tracked(limiter.acquire());
    const second = tracked(limiter.acquire());
    expect(delays()).toEqual([81]);
    await advance(80);
    expect(first.settled).toBe(false);
    await advance(1);
    expect(first.settled).toBe(true);
    expect(second.settled).toBe(false);
    expect(delays()).toEqual([81]); // the first one holds the slot in flight: no timer until its release
  });

  it("waiting only on requests in flight sets no timer: their release wakes the queue", async () => {
    const limiter = new RateLimiter({ requests: 2, perMilliseconds: 100 }, () => now);
    await limiter.acquire();
    await limiter.acquire();
    const delays = timerDelays();
    const next = tracked(limiter.acquire());
    await advance(500);
    expect(delays()).toEqual([]);
    expect(next.settled).toBe(false);
    limiter.release();
    expect(delays()).toEqual([101]);
    await advance(101);
    expect(next.settled).toBe(true);
  });
});
