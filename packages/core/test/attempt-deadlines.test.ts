/**
 * One timer for all of a transport's attempts: each attempt still expires on its own deadline, in
 * order, never early because another attempt came or went; and the timer holds the process open
 * only while an attempt is running.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { AttemptDeadlines, type Expirable } from "../src/attempt-deadlines.js";

function attempt(expired: string[], name: string): Expirable & { startedAt: number; expiredAfter?: number } {
  const entry: Expirable & { startedAt: number; expiredAfter?: number } = {
    deadline: 0,
    previous: undefined,
    next: undefined,
    startedAt: performance.now(),
    expire() {
      entry.expiredAfter = performance.now() - entry.startedAt;
      expired.push(name);
    },
  };
  return entry;
}

// The real timer functions, for tests that replace the global ones.
const realSetTimeout = setTimeout;
const sleep = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));
const referencedTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;

describe("AttemptDeadlines", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("expires each attempt on its own deadline, in start order, skipping removed ones", async () => {
    const deadlines = new AttemptDeadlines(120);
    const expired: string[] = [];
    const a = attempt(expired, "a");
    deadlines.add(a);
    await sleep(40);
    const removed = attempt(expired, "removed");
    deadlines.add(removed);
    const b = attempt(expired, "b");
    deadlines.add(b);
    deadlines.remove(removed);
    await sleep(40);
    const c = attempt(expired, "c");
    deadlines.add(c);
    deadlines.remove(a); // the head leaves before its deadline: the timer armed for it must not expire b early
    await sleep(300);
    expect(expired).toEqual(["b", "c"]);
    for (const entry of [b, c]) {
      // Timers fire on whole milliseconds of the event loop's clock: up to ~1 ms early by performance.now().
      expect(entry.expiredAfter).toBeGreaterThanOrEqual(118);
      expect(entry.expiredAfter).toBeLessThan(1000);
    }
  });

  it("removing an attempt twice, or one that already expired, changes nothing", async () => {
    const deadlines = new AttemptDeadlines(20);
    const expired: string[] = [];
    const a = attempt(expired, "a");
    const b = attempt(expired, "b");
    deadlines.add(a);
    await sleep(60);
    deadlines.add(b);
    deadlines.remove(a);
    deadlines.remove(a);
    await sleep(60);
    expect(expired).toEqual(["a", "b"]);
  });

  it("keeps its timer referenced only while an attempt is listed", () => {
    const before = referencedTimers();
    const deadlines = new AttemptDeadlines(60_000);
    const expired: string[] = [];
    const a = attempt(expired, "a");
    deadlines.add(a);
    expect(referencedTimers()).toBe(before + 1);
    deadlines.remove(a);
    // Still armed, so the next attempt reuses it, but a 60 s timer must not delay the process exit.
    expect(referencedTimers()).toBe(before);
    const b = attempt(expired, "b");
    deadlines.add(b);
    expect(referencedTimers()).toBe(before + 1);
    deadlines.remove(b);
    expect(referencedTimers()).toBe(before);
    expect(expired).toEqual([]);
  });

  it("an attempt that times out and starts another at once leaves one timer, not two", async () => {
    // Count only the timers AttemptDeadlines makes, whatever else the test runner has pending.
    const ours = new Set<ReturnType<typeof setTimeout>>();
    vi.stubGlobal("setTimeout", (callback: () => void, ms: number) => {
      const timer: ReturnType<typeof setTimeout> = realSetTimeout(() => {
        ours.delete(timer);
        callback();
      }, ms);
      ours.add(timer);
      return timer;
    });
    const referenced = () => [...ours].filter((timer) => timer.hasRef()).length;
    const deadlines = new AttemptDeadlines(100);
    const expired: string[] = [];
    const retry = attempt(expired, "retry");
    const first = attempt(expired, "first");
    const expire = first.expire.bind(first);
    first.expire = () => {
      expire();
      deadlines.add(retry); // e.g. an abort listener that starts the next call
    };
    deadlines.add(first);
    await sleep(150); // first expired at ~100 ms, retry is due at ~200 ms
    expect(expired).toEqual(["first"]);
    expect(referenced()).toBe(1);
    await sleep(150);
    expect(expired).toEqual(["first", "retry"]);
    expect(referenced()).toBe(0);
  });

  describe("where timers are numbers (browsers, Deno)", () => {
    it("clears the idle timer instead of leaving it pending", () => {
      // Deno's setTimeout returns a number and a pending one keeps the process running.
      const pending = new Map<number, ReturnType<typeof setTimeout>>();
      let nextId = 1;
      const realClear = clearTimeout;
      vi.stubGlobal("setTimeout", (callback: () => void, ms: number) => {
        const id = nextId++;
        pending.set(id, realSetTimeout(callback, ms));
        return id;
      });
      vi.stubGlobal("clearTimeout", (id: number) => {
        realClear(pending.get(id));
        pending.delete(id);
      });
      const deadlines = new AttemptDeadlines(60_000);
      const a = attempt([], "a");
      deadlines.add(a);
      expect(pending.size).toBe(1);
      deadlines.remove(a);
      expect(pending.size).toBe(0);
    });
  });
});
