// Live contract tests: run by `pnpm test:live` only, never by `pnpm test` or CI. Requests go to the
// real API through a Prism proxy that checks each request and response against
// specs/primeintellect.yaml; the contract assertion fails a test whose responses it flagged.
// Only harmless calls: an image name that cannot exist, and a key that cannot be valid.
import { randomUUID } from "node:crypto";
import { createPrimeIntellectClient } from "@specsdk/primeintellect";
import { contractFetch, prismUrl } from "@specsdk/testing";
import { describe, expect, it } from "vitest";

const apiKey = process.env.PRIME_API_KEY;
const PATH = "/api/v1/images/{image_name}/{image_tag}";
const params = () => ({ path: { image_name: `specsdk-live-check-${randomUUID()}`, image_tag: "never-pushed" } });

function client(key = apiKey) {
  return createPrimeIntellectClient({
    apiKey: key,
    baseUrl: prismUrl("primeintellect"),
    fetch: contractFetch,
    maxRetries: 0,
  });
}

describe.skipIf(!apiKey)("Prime Intellect's live API matches specs/primeintellect.yaml", () => {
  it("deleting an image that does not exist answers in a documented shape", async () => {
    const { response } = await client().DELETE(PATH, { params: params() });
    expect(response.status, "a server error says nothing about the contract").toBeLessThan(500);
  });

  it("an invalid key is refused with the documented 401", async () => {
    const { response } = await client("specsdk-live-check-invalid-key").DELETE(PATH, { params: params() });
    expect(response.status).toBe(401);
  });
});
