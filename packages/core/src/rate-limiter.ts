import { onAbort } from "./abort-listeners.js";
import type { RateLimitDefinition } from "./provider-definition.js";

/**
 * Client-side limit of `requests` per `perMilliseconds`, enforced by queueing (FIFO), never by failing.
 *
 * A slot is held from the moment a request is sent until `perMilliseconds` after its response
 * arrived. The server received the request before the response came back, so two requests that
 * share a slot are always at least a full window apart on the server's clock too: a server counting
 * the same limit never sees more than `requests` in any window, whatever the network delays.
 */
export class RateLimiter {
  private inFlight = 0;
  /** Completion times of recent requests, oldest first. */
  private readonly completions: number[] = [];
  /** Callers waiting for a slot, in order; `grant` resolves one (and stops listening to its signal). */
  private readonly waiting: { grant: () => void; signal?: AbortSignal | undefined }[] = [];
  declare private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly limit: RateLimitDefinition,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a request may be sent; call `release()` once its response has arrived (or it failed). */
  acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.waiting.length === 0 && this.hasFreeSlot()) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const stopWaiting = onAbort(signal, () => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason);
      });
      const entry = {
        grant: () => {
          stopWaiting();
          resolve();
        },
        signal,
      };
      this.waiting.push(entry);
      this.schedule();
    });
  }

  release(): void {
    this.inFlight--;
    this.completions.push(this.now());
    this.schedule();
  }

  private hasFreeSlot(): boolean {
    const windowStart = this.now() - this.limit.perMilliseconds;
    while (this.completions.length > 0 && (this.completions[0] as number) <= windowStart) this.completions.shift();
    return this.inFlight + this.completions.length < this.limit.requests;
  }

  private schedule(): void {
    while (this.waiting.length > 0 && this.hasFreeSlot()) {
      const next = this.waiting.shift();
      if (!next || next.signal?.aborted) continue;
      this.inFlight++;
      next.grant();
    }
    if (this.waiting.length === 0 || this.timer !== undefined) return;
    // Full: wake when the oldest completion leaves the window (in-flight requests wake us on release).
    const oldest = this.completions[0];
    if (oldest === undefined) return;
    const delay = Math.max(0, oldest + this.limit.perMilliseconds - this.now()) + 1;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, delay);
  }
}
