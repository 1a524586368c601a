import { describe, expect, it } from "vitest";
import { hasDuplicateJsonKeys } from "../src/spec/json-duplicate-keys.js";

describe("hasDuplicateJsonKeys", () => {
  it("finds a repeated key at any depth, in objects only", () => {
    expect(hasDuplicateJsonKeys('{"a":1,"b":2}')).toBe(false);
    expect(hasDuplicateJsonKeys('{"a":1,"a":2}')).toBe(true);
    expect(hasDuplicateJsonKeys('{"x":{"a":1,"b":{"a":2}},"y":[{"a":1},{"a":1}]}')).toBe(false);
    expect(hasDuplicateJsonKeys('{"x":[1,{"k":"v","k":"w"}]}')).toBe(true);
    expect(hasDuplicateJsonKeys('["a","a",{"a":"a"}]')).toBe(false);
  });

  it("compares keys decoded, and is not fooled by quotes, braces or commas inside strings", () => {
    expect(hasDuplicateJsonKeys('{"a":1,"\\u0061":2}')).toBe(true);
    expect(hasDuplicateJsonKeys('{"a\\"":1,"a":2}')).toBe(false);
    expect(hasDuplicateJsonKeys('{"s":"{\\"s\\":1, \\"s\\":2}","t":"a,\\\\"}')).toBe(false);
    expect(hasDuplicateJsonKeys('{"t":"x\\\\","t":1}')).toBe(true);
  });
});
