import { createModelsLabClient, provider } from "@specsdk/modelslab";
import { checkOperationProperty, prismUrl, propertyTimeout } from "@specsdk/testing";
import { describe, it } from "vitest";

const SPEC = new URL("../../../specs/modelslab.yaml", import.meta.url).pathname;

const client = (fetch: (request: Request) => Promise<Response>) =>
  createModelsLabClient({
    apiKey: "ml-property-key",
    baseUrl: prismUrl("modelslab"),
    fetch,
    maxRetries: 0,
    rateLimit: false,
  }) as never;

describe("deleteImage — POST /delete_image, generated inputs", () => {
  it(
    "every valid input: no request violations, the response validates, named and raw send the same request",
    () => checkOperationProperty({ spec: SPEC, provider, name: "deleteImage", client }),
    propertyTimeout(),
  );
});
