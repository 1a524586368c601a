import { afterEach, expect } from "vitest";
import { describeViolations, takeViolations } from "./contract.js";

// setupFiles entry of the live tests: through the proxy, a finding about the response is the real API
// drifting from its spec, so every finding fails the test.
afterEach(() => {
  const found = describeViolations(takeViolations());
  expect(found, `Prism reported sl-violations in this test:\n${found.join("\n")}`).toEqual([]);
});
