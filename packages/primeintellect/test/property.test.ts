import { createPrimeIntellectClient, provider } from "@specsdk/primeintellect";
import { checkOperationProperty, prismUrl, propertyTimeout } from "@specsdk/testing";
import { describe, it } from "vitest";

const SPEC = new URL("../../../specs/primeintellect.yaml", import.meta.url).pathname;

const client = (fetch: (request: Request) => Promise<Response>) =>
  createPrimeIntellectClient({
    apiKey: "pi-property-key",
    baseUrl: prismUrl("primeintellect"),
    fetch,
    maxRetries: 0,
    rateLimit: false,
  }) as never;

describe("deleteUserImage — DELETE /api/v1/images/{image_name}/{image_tag}, generated inputs", () => {
  it(
    "every valid input: no request violations, the response validates, named and raw send the same request",
    () => checkOperationProperty({ spec: SPEC, provider, name: "deleteUserImage", client }),
    propertyTimeout(),
  );
});
