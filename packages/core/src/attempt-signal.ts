import type { AttemptDeadlines, Expirable } from "./attempt-deadlines.js";

/**
 * One attempt's stop conditions: its timeout and the caller's abort. A signal goes to `fetch` in
 * `fetchInit` (so the network work stops); `guard` rejects at the same moment (so the attempt ends
 * on time even when a custom `fetch` ignores the signal). The timeout comes from the transport's
 * AttemptDeadlines (one timer for all its attempts), not from a timer of its own.
 */
export class AttemptSignal implements Expirable {
  private readonly controller = new AbortController();
  private readonly onCallerAbort: (() => void) | undefined;
  private reject: ((reason: unknown) => void) | undefined;
  /** Why the attempt was stopped, once it was (before `guard` was called, or after). */
  private stoppedWith: { reason: unknown } | undefined;
  /** Whether the attempt ran out of time (as opposed to the caller aborting it). */
  timedOut = false;
  deadline = 0;
  previous: Expirable | undefined;
  next: Expirable | undefined;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly deadlines: AttemptDeadlines | undefined,
  ) {
    if (callerSignal !== undefined) {
      this.onCallerAbort = () => this.stop(callerSignal.reason);
      if (callerSignal.aborted) this.onCallerAbort();
      else callerSignal.addEventListener("abort", this.onCallerAbort, { once: true });
    }
    deadlines?.add(this);
  }

  /** Called by AttemptDeadlines when the attempt's time is up. */
  expire(): void {
    this.timedOut = true;
    this.stop(new Error(`attempt timed out after ${this.deadlines?.timeoutMs} ms`));
  }

  /**
   * Starts `work` and settles with its outcome, or rejects as soon as the attempt is stopped,
   * whichever comes first. An attempt stopped before it starts (the caller already aborted) starts nothing.
   */
  guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.stoppedWith !== undefined) return Promise.reject(this.stoppedWith.reason);
    return new Promise<T>((resolve, reject) => {
      this.reject = reject;
      work().then(resolve, reject);
    });
  }

  /**
   * `init` with this attempt's signal, made only when `fetch` reads it: Node creates an
   * AbortController's signal on first access, and that is most of what an attempt signal costs
   * (measured ~3 µs on Node 20, more than the rest of the transport's bookkeeping together).
   */
  fetchInit(init: RequestInit | undefined): RequestInit {
    if (init === undefined) return new LazySignalInit(this.controller);
    const controller = this.controller;
    return {
      ...init,
      get signal() {
        return controller.signal;
      },
    };
  }

  private stop(reason: unknown): void {
    if (this.stoppedWith !== undefined) return;
    this.stoppedWith = { reason };
    this.controller.abort(reason);
    this.reject?.(reason);
  }

  /** Ends the attempt's deadline and caller subscription (call once the attempt is settled). */
  dispose(): void {
    this.deadlines?.remove(this);
    if (this.onCallerAbort !== undefined) this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
  }
}

/** A RequestInit whose only member is a signal created on first read (a class: cheaper than a literal with a getter). */
class LazySignalInit implements RequestInit {
  constructor(private readonly controller: AbortController) {}
  get signal(): AbortSignal {
    return this.controller.signal;
  }
}
