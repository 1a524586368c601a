import { ApiError, createModelsLabClient, RateLimitError } from "@specsdk/modelslab";
import { type FaultServer, startFaultServer } from "@specsdk/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
});

const client = () => createModelsLabClient({ apiKey: "ml-key", baseUrl: server.url });

describe("ModelsLab runtime conventions over a real socket", () => {
  it("a 429 body's retry_after (seconds) is honoured", async () => {
    server.script(
      { kind: "respond", status: 429, body: { status: "error", message: "Rate limit exceeded", retry_after: 1 } },
      { kind: "respond", status: 200, body: { status: "success", messege: "image deleted" } },
    );
    const started = performance.now();
    const result = await client().deleteImage({ request_id: 1 });
    expect(result.messege).toBe("image deleted");
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("after the retries a 429 surfaces as RateLimitError with its message", async () => {
    server.script({
      kind: "respond",
      status: 429,
      body: { status: "error", message: "Rate limit exceeded", retry_after: 0 },
    });
    const error = await client()
      .deleteImage({ request_id: 1 }, { maxRetries: 1 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).message).toContain("Rate limit exceeded");
    expect(server.requests).toHaveLength(2);
  });

  it("status: error with the legacy messege field still gives a readable message", async () => {
    server.script({ kind: "respond", status: 200, body: { status: "error", messege: "Invalid request id" } });
    const error = await client()
      .deleteImage({ request_id: 1 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain("Invalid request id");
    expect(server.requests).toHaveLength(1); // an in-band error on 200 is final, not retried
  });

  it("POST /delete_image is retried on 503 (marked idempotent in provider.config.json)", async () => {
    server.script(
      { kind: "respond", status: 503, headers: { "retry-after-ms": "1" } },
      { kind: "respond", status: 200, body: { status: "success", messege: "image deleted" } },
    );
    await client().deleteImage({ request_id: 1 });
    expect(server.requests).toHaveLength(2);
    expect(JSON.parse(server.requests[1]?.body ?? "{}")).toEqual({ request_id: 1, key: "ml-key" });
  });
});
