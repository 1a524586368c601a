import { afterEach, expect } from "vitest";
import { takeViolations } from "./contract.js";

// setupFiles entry: after every test, no request may have come back with `sl-violations`.
afterEach(() => {
  expect(takeViolations(), "Prism reported sl-violations for requests sent in this test").toEqual([]);
});
