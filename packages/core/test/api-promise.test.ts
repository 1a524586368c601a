import { describe, expect, it } from "vitest";
import { ApiPromise } from "../src/api-promise.js";

const outcome = <T>(data: T) => ({ data, response: new Response("{}"), requestId: "r1" });

describe("ApiPromise", () => {
  it("awaits to the body; withResponse() gives the same outcome object", async () => {
    const whole = outcome({ n: 1 });
    const promise = new ApiPromise(Promise.resolve(whole));
    expect(await promise).toEqual({ n: 1 });
    expect(await promise.withResponse()).toBe(whole);
  });

  it("then/catch/finally return plain Promises (Symbol.species), and map the body", async () => {
    const promise = new ApiPromise(Promise.resolve(outcome(2)));
    const mapped = promise.then((n) => n * 10);
    expect(mapped).not.toBeInstanceOf(ApiPromise);
    expect(mapped).toBeInstanceOf(Promise);
    expect(await mapped).toBe(20);
    let finished = false;
    expect(await promise.finally(() => (finished = true))).toBe(2);
    expect(finished).toBe(true);
  });

  it("a failure reaches then's and catch's handlers", async () => {
    const failure = new Error("boom");
    const promise = new ApiPromise<number>(Promise.reject(failure));
    expect(await promise.catch((error: unknown) => error)).toBe(failure);
    expect(await promise.then(undefined, (error: unknown) => `handled ${(error as Error).message}`)).toBe(
      "handled boom",
    );
    await expect(promise.withResponse()).rejects.toBe(failure);
  });

  it("derives the body once, however often it is awaited", async () => {
    let reads = 0;
    const whole = outcome(1);
    const promise = new ApiPromise(Promise.resolve(whole));
    Object.defineProperty(whole, "data", {
      get: () => {
        reads++;
        return 1;
      },
    });
    await promise;
    await promise;
    expect(reads).toBe(1);
  });
});
