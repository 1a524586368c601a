/**
 * One attempt's stop conditions: its timeout and the caller's abort. A signal goes to `fetch` in
 * `fetchInit` (so the network work stops); `stopped` rejects at the same moment (so the attempt
 * ends on time even when a custom `fetch` ignores the signal). A plain timer, not `AbortSignal.timeout()`: clearing
 * it is cheap and it keeps no process alive once disposed.
 */
export class AttemptSignal {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort: (() => void) | undefined;
  private reject!: (reason: unknown) => void;
  /** Whether the attempt ran out of time (as opposed to the caller aborting it). */
  timedOut = false;
  /** Never resolves; rejects with the reason when the attempt is stopped. */
  readonly stopped = new Promise<never>((_, reject) => {
    this.reject = reject;
  });

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    if (callerSignal !== undefined) {
      this.onCallerAbort = () => this.stop(callerSignal.reason);
      if (callerSignal.aborted) this.onCallerAbort();
      else callerSignal.addEventListener("abort", this.onCallerAbort, { once: true });
    }
    if (timeoutMs > 0) {
      this.timer = setTimeout(() => {
        this.timedOut = true;
        this.stop(new Error(`attempt timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    }
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
    this.controller.abort(reason);
    this.reject(reason);
  }

  /** Ends the attempt's timer and caller subscription (call once the attempt is settled). */
  dispose(): void {
    clearTimeout(this.timer);
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
