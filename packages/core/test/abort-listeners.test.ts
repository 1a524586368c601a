import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { onAbort } from "../src/abort-listeners.js";

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

describe("onAbort", () => {
  it("without a signal waits for nothing", () => {
    const stop = onAbort(undefined, () => {
      throw new Error("never");
    });
    expect(stop()).toBeUndefined();
  });

  it("many calls on one signal share one listener; each callback runs once on abort", () => {
    const controller = new AbortController();
    const [one, two] = [vi.fn(), vi.fn()];
    onAbort(controller.signal, one);
    onAbort(controller.signal, two);
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    expect(one).toHaveBeenCalledTimes(1);
    expect(two).toHaveBeenCalledTimes(1);
    expect(listeners(controller.signal)).toBe(0);
  });

  it("the listener is removed when the last waiting call stops, not before; stopped callbacks never run", () => {
    const controller = new AbortController();
    const [one, two] = [vi.fn(), vi.fn()];
    const stopOne = onAbort(controller.signal, one);
    const stopTwo = onAbort(controller.signal, two);
    stopOne();
    expect(listeners(controller.signal)).toBe(1);
    stopTwo();
    expect(listeners(controller.signal)).toBe(0);
    controller.abort();
    expect(one).not.toHaveBeenCalled();
    expect(two).not.toHaveBeenCalled();
  });

  it("a stale stop (after the signal's entry was replaced) leaves the new waiter alone", () => {
    const controller = new AbortController();
    const first = vi.fn();
    const stopFirst = onAbort(controller.signal, first);
    stopFirst();
    const second = vi.fn();
    onAbort(controller.signal, second);
    stopFirst();
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
  });
});
