/**
 * Abort callbacks on callers' signals, with one listener per signal however many calls wait on it:
 * thousands of calls sharing one signal (queued behind the rate limit, say) must not pile up
 * listeners on it, and none stays once no call is waiting.
 */
const waiting = new WeakMap<AbortSignal, { callbacks: Set<() => void>; listener: () => void }>();

/** Runs `callback` when `signal` aborts; returns the function that stops waiting (call it when the call settles). */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (signal === undefined) return () => {};
  let entry = waiting.get(signal);
  if (entry === undefined) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      waiting.delete(signal);
      for (const waiter of callbacks) waiter();
    };
    entry = { callbacks, listener };
    waiting.set(signal, entry);
    signal.addEventListener("abort", listener, { once: true });
  }
  const { callbacks, listener } = entry;
  callbacks.add(callback);
  return () => {
    callbacks.delete(callback);
    if (callbacks.size === 0 && waiting.get(signal) === entry) {
      waiting.delete(signal);
      signal.removeEventListener("abort", listener);
    }
  };
}
