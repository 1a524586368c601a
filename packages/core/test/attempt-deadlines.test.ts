/**
 * One timer for all of a transport's attempts: each attempt still expires on its own deadline, in
 * order, never early because another attempt came or went; and the timer holds the process open
 * only while an attempt is running.
 */
import { describe, expect, it } from "vitest";
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const referencedTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;

describe("AttemptDeadlines", () => {
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
});
