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
  /** Resolves when a request may be sent; call `release()` once its response has arrived (or it failed). */
  readonly acquire: (signal?: AbortSignal) => Promise<void>;
  readonly release: () => void;

  constructor({ requests, perMilliseconds }: RateLimitDefinition, now: () => number = Date.now) {
    let inFlight = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** Completion times of recent requests, oldest first. */
    const completions: number[] = [];
    /** Callers waiting for a slot, in order; `grant` resolves one (and stops listening to its signal). */
    const waiting: { grant: () => void; signal?: AbortSignal | undefined }[] = [];

    const hasFreeSlot = () => {
      const windowStart = now() - perMilliseconds;
      while (completions.length > 0 && (completions[0] as number) <= windowStart) completions.shift();
      return inFlight + completions.length < requests;
    };

    const schedule = (): void => {
      while (waiting.length > 0 && hasFreeSlot()) {
        const next = waiting.shift();
        if (!next || next.signal?.aborted) continue;
        inFlight++;
        next.grant();
      }
      if (waiting.length === 0 || timer !== undefined) return;
      // Full: wake when the oldest completion leaves the window (in-flight requests wake us on release).
      const oldest = completions[0];
      if (oldest === undefined) return;
      const delay = Math.max(0, oldest + perMilliseconds - now()) + 1;
      timer = setTimeout(() => {
        timer = undefined;
        schedule();
      }, delay);
    };

    this.acquire = (signal) => {
      signal?.throwIfAborted();
      if (waiting.length === 0 && hasFreeSlot()) {
        inFlight++;
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const stopWaiting = onAbort(signal, () => {
          const index = waiting.indexOf(entry);
          if (index >= 0) waiting.splice(index, 1);
          reject(signal?.reason);
        });
        const entry = {
          grant: () => {
            stopWaiting();
            resolve();
          },
          signal,
        };
        waiting.push(entry);
        schedule();
      });
    };

    this.release = () => {
      inFlight--;
      completions.push(now());
      schedule();
    };
  }
}
