import { describe, expect, it } from "vitest";
import { UnsafePathParameterError } from "../src/errors.js";
import { safePathSerializer } from "../src/safe-path.js";

const TEMPLATE = "/api/v1/images/{image_name}/{image_tag}";
const BASE = "https://api.example.test";

/** What a server would see: the path after the WHATWG URL parser has normalised it. */
function pathSeen(name: unknown, tag: unknown): string {
  return new URL(`${BASE}${safePathSerializer(TEMPLATE, { image_name: name, image_tag: tag })}`).pathname;
}

describe("safePathSerializer", () => {
  it.each(["..", ".", ""])("refuses %j, which would change the path", (value) => {
    expect(() => pathSeen(value, "v1")).toThrow(UnsafePathParameterError);
    expect(() => pathSeen("img", value)).toThrow(UnsafePathParameterError);
  });

  it("refuses a missing path parameter instead of sending a literal {name}", () => {
    expect(() => safePathSerializer(TEMPLATE, { image_name: "a" })).toThrow(/Path parameter "image_tag" .* is missing/);
  });

  it("names the parameter and the value in the error", () => {
    expect(() => pathSeen("..", "v1")).toThrow(
      /"image_name" for \S+ would make the segment "\.\.", which changes the path/,
    );
  });

  // Values that look dangerous but are encoded into a single segment, so the template is kept.
  it.each([
    "../v2",
    "../../admin",
    "a/../b",
    "..%2f",
    "%2e%2e",
    "%2E.",
    ".%2e",
    "...",
    "..\\",
    "\\..",
    "a/b",
    "?teamId=x",
    "#frag",
    "a b",
    "ü",
    "%",
    "%00",
    "\u0000",
    "\t..",
    ". .",
    "//evil.example",
    "http://evil.example/",
    "@evil.example",
  ])("keeps %j inside its segment", (value) => {
    const seen = pathSeen(value, "v1");
    const segments = seen.split("/");
    expect(segments.slice(0, 4)).toEqual(["", "api", "v1", "images"]);
    expect(segments).toHaveLength(6);
    expect(decodeURIComponent(segments[4] ?? "")).toBe(value);
    expect(segments[5]).toBe("v1");
    expect(new URL(`${BASE}${seen}`).host).toBe("api.example.test");
  });

  it("accepts numbers and booleans", () => {
    expect(pathSeen(0, true)).toBe("/api/v1/images/0/true");
  });
});

describe("safePathSerializer: values that serialize to nothing, or are not data", () => {
  it.each([
    ["an empty array", []],
    ["an empty object", {}],
    ["a Date", new Date(0)],
    ["a null-prototype object with nothing in it", Object.create(null)],
    ["a Map", new Map([["a", 1]])],
    ["a nested object", { a: { b: 1 } }],
    ["an array holding an object", [{ a: 1 }]],
    ["a function", () => "x"],
    ["a symbol", Symbol("x")],
  ])("refuses %s", (_, value) => {
    expect(() => safePathSerializer(TEMPLATE, { image_name: value, image_tag: "v1" })).toThrow(
      UnsafePathParameterError,
    );
  });

  it.each([
    ["label", "/items/{.name}", "", /is empty/],
    ["label", "/items/{.name}", ".", /would make the segment "\.\."/],
    ["label explode", "/items/{.name*}", [], /is empty/],
    ["simple, two in one segment", "/files/{name}{ext}", [".", "."], /would make the segment "\.\."/],
  ])("in %s style refuses what would drop or change a segment (%s)", (_, template, value, message) => {
    const params =
      Array.isArray(value) && template.includes("ext") ? { name: value[0], ext: value[1] } : { name: value };
    expect(() => safePathSerializer(template, params)).toThrow(message);
  });

  it("serializes arrays, objects and label/matrix styles exactly as openapi-fetch does", () => {
    expect(safePathSerializer("/a/{ids}", { ids: [1, 2] })).toBe("/a/1,2");
    expect(safePathSerializer("/a/{.ids}", { ids: ["x", "y"] })).toBe("/a/.x,y");
    expect(safePathSerializer("/a/{;id}", { id: "" })).toBe("/a/;id=");
    expect(safePathSerializer("/a/{point}", { point: { x: 1, y: 2 } })).toBe("/a/x,1,y,2");
  });
});
