type Timer = ReturnType<typeof setTimeout>;

/**
 * Node's (and Bun's) timers can stop holding the process open. Where a timer is a number (browsers,
 * Deno), it cannot: there the idle timer is cleared instead, since a pending one keeps Deno running.
 */
function canUnref(timer: Timer | undefined): timer is Timer & { ref(): unknown; unref(): unknown } {
  return typeof timer === "object" && typeof timer.unref === "function" && typeof timer.ref === "function";
}

/** Something with a deadline that can be told it has passed (an attempt). */
export interface Expirable {
  deadline: number;
  previous: Expirable | undefined;
  next: Expirable | undefined;
  expire(): void;
}

/**
 * The running attempts of one transport, in start order, behind one timer. Every attempt of a
 * transport has the same timeout, so start order is also deadline order: the oldest attempt is the
 * next to time out, and one timer armed for it serves all of them. A timer per attempt
 * (`setTimeout` + `clearTimeout`) was the largest single cost a call added to `fetch` (≈0.6 µs of
 * ≈1.4 µs of timeout bookkeeping, measured on Node 20).
 *
 * The timer stays armed while the list is empty, but unreferenced, so it keeps no process alive
 * when nothing is running and costs nothing to reuse for the next attempt (where timers cannot be
 * unreferenced, it is cleared instead).
 */
export class AttemptDeadlines {
  private first: Expirable | undefined;
  private last: Expirable | undefined;
  private timer: Timer | undefined;
  /** When the armed timer fires (performance.now() time). */
  private firesAt = 0;

  constructor(readonly timeoutMs: number) {}

  add(attempt: Expirable): void {
    const now = performance.now();
    attempt.deadline = now + this.timeoutMs;
    attempt.previous = this.last;
    attempt.next = undefined;
    if (this.last === undefined) this.first = attempt;
    else this.last.next = attempt;
    this.last = attempt;
    if (this.timer === undefined) this.arm(now, attempt.deadline);
    else if (this.first === attempt && canUnref(this.timer)) this.timer.ref();
  }

  remove(attempt: Expirable): void {
    const { previous, next } = attempt;
    if (previous === undefined) {
      if (this.first !== attempt) return; // not listed (already expired or removed)
      this.first = next;
    } else previous.next = next;
    if (next === undefined) this.last = previous;
    else next.previous = previous;
    attempt.previous = attempt.next = undefined;
    if (this.first !== undefined || this.timer === undefined) return;
    if (canUnref(this.timer)) this.timer.unref();
    else {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private arm(now: number, deadline: number): void {
    this.firesAt = deadline;
    this.timer = setTimeout(this.onTimer, Math.max(0, deadline - now));
  }

  private readonly onTimer = (): void => {
    this.timer = undefined;
    const now = performance.now();
    // Timers fire at whole milliseconds: allow for rounding so a due attempt is not put off by 1 ms.
    const due: Expirable[] = [];
    while (this.first !== undefined && this.first.deadline <= Math.max(now, this.firesAt)) {
      const attempt = this.first;
      this.remove(attempt);
      due.push(attempt);
    }
    // Re-armed before any attempt hears of its timeout, in case that starts another attempt here.
    if (this.first !== undefined) this.arm(now, this.first.deadline);
    for (const attempt of due) attempt.expire();
  };
}
