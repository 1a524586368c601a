// Live contract tests: run by `pnpm test:live` only, never by `pnpm test` or CI. Requests go to the
// real API through a Prism proxy that checks each request and response against specs/modelslab.yaml;
// the contract assertion fails a test whose responses it flagged.
// Only a harmless call: deleting a request id far beyond any that exists.
import { createModelsLabClient } from "@specsdk/modelslab";
import { contractFetch, prismUrl } from "@specsdk/testing";
import { describe, expect, it } from "vitest";

const apiKey = process.env.MODELSLAB_API_KEY;
const NO_SUCH_REQUEST_ID = Number.MAX_SAFE_INTEGER;

describe.skipIf(!apiKey)("ModelsLab's live API matches specs/modelslab.yaml", () => {
  it("deleting a request id that does not exist answers in a documented shape", async () => {
    const ml = createModelsLabClient({ apiKey, baseUrl: prismUrl("modelslab"), fetch: contractFetch, maxRetries: 0 });
    const { response } = await ml.POST("/delete_image", { body: { request_id: NO_SUCH_REQUEST_ID } });
    expect(response.status, "a server error says nothing about the contract").toBeLessThan(500);
  });
});
