import { afterEach, expect } from "vitest";
import { describeViolations, takeViolations } from "./contract.js";

/**
 * setupFiles entry of the mock contract tests: after every test, no request may have come back with
 * `sl-violations` about the request. Findings about the mock's response are the spec disagreeing
 * with itself (an example that breaks its own schema), not about the client: printed, not failed.
 */
afterEach(() => {
  const recorded = takeViolations();
  const responses = describeViolations(recorded, "response");
  if (responses.length > 0) {
    console.warn(
      `Prism's mock responses break the spec's own schemas (fix the spec's examples):\n${responses.join("\n")}`,
    );
  }
  const requests = describeViolations(recorded, "request");
  expect(requests, `Prism reported sl-violations for requests sent in this test:\n${requests.join("\n")}`).toEqual([]);
});
