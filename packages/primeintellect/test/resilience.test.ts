import {
  ApiUserAbortError,
  createPrimeIntellectClient,
  provider,
  UnprocessableEntityError,
} from "@specsdk/primeintellect";
import { type FaultServer, startFaultServer } from "@specsdk/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset({ kind: "respond", status: 200, body: { success: true, message: "deleted" } });
});

describe("Prime Intellect runtime conventions over a real socket", () => {
  it("the documented limit (100 requests / 60 s) is on by default: request 101 waits in the queue", async () => {
    expect(provider.rateLimit).toEqual({ requests: 100, perMilliseconds: 60_000 });
    const pi = createPrimeIntellectClient({ apiKey: "pi-key", baseUrl: server.url });
    const first100 = Array.from({ length: 100 }, (_, i) =>
      pi.deleteUserImage({ image_name: `img-${i}`, image_tag: "v1" }),
    );
    const controller = new AbortController();
    const request101 = pi
      .deleteUserImage({ image_name: "img-100", image_tag: "v1" }, { signal: controller.signal })
      .catch((error: unknown) => error);
    await Promise.all(first100);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.requests).toHaveLength(100);
    controller.abort();
    expect(await request101).toBeInstanceOf(ApiUserAbortError);
    expect(server.requests).toHaveLength(100);
  });

  it("rateLimit: false turns it off", async () => {
    const pi = createPrimeIntellectClient({ apiKey: "pi-key", baseUrl: server.url, rateLimit: false });
    await Promise.all(
      Array.from({ length: 101 }, (_, i) => pi.deleteUserImage({ image_name: `i${i}`, image_tag: "v1" })),
    );
    expect(server.requests).toHaveLength(101);
  });

  it("FastAPI's { detail: [{ loc, msg }] } 422 decodes into the same field problems", async () => {
    server.script({
      kind: "respond",
      status: 422,
      body: {
        detail: [
          { loc: ["path", "image_tag"], msg: "String should have at most 128 characters", type: "string_too_long" },
        ],
      },
    });
    const pi = createPrimeIntellectClient({ apiKey: "pi-key", baseUrl: server.url });
    const error = await pi.deleteUserImage({ image_name: "a", image_tag: "b" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).fieldProblems).toEqual([
      { field: "path.image_tag", message: "String should have at most 128 characters" },
    ]);
    expect((error as UnprocessableEntityError).message).toContain("path.image_tag: String should have at most 128");
  });
});
