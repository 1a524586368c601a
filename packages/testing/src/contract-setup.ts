import { afterEach, expect } from "vitest";
import { takeViolations } from "./contract.js";

// setupFiles entry: after every test, no request may have come back with `sl-violations`.
afterEach(() => {
  const violations = takeViolations();
  const summary = violations
    .map(({ method, url, violations: found }) => `${method} ${url}: ${JSON.stringify(found)}`)
    .join("\n");
  expect(violations, `Prism reported sl-violations for requests sent in this test:\n${summary}`).toEqual([]);
});
