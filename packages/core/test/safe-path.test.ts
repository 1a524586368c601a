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

describe("safePathSerializer: each refusal says why", () => {
  const refusal = (template: string, params: Record<string, unknown> | undefined) => {
    try {
      // `params` undefined on purpose: a raw call with no `params` at all.
      safePathSerializer(template, params as Record<string, unknown>);
    } catch (error) {
      expect(error).toBeInstanceOf(UnsafePathParameterError);
      return { message: (error as Error).message, parameter: (error as UnsafePathParameterError).parameter };
    }
    throw new Error("not refused");
  };
  const NOT_DATA = "must be a string, number, boolean, or an array or plain object of them; nothing was sent";

  it.each([
    ["null", { x: null }, "is missing"],
    ["no params at all", undefined, "is missing"],
    ['""', { x: "" }, "is empty"],
    ["a Date", { x: new Date(0) }, NOT_DATA],
    ["a Map", { x: new Map([["a", 1]]) }, NOT_DATA],
    [
      "a class instance",
      {
        x: new (class Point {
          y = 1;
        })(),
      },
      NOT_DATA,
    ],
    ["a nested object", { x: { a: { b: 1 } } }, NOT_DATA],
    ["an array holding a function", { x: [() => 1] }, NOT_DATA],
    ["an object holding a function", { x: { f: () => 1 } }, NOT_DATA],
  ])("%s", (_, params, why) => {
    const { message, parameter } = refusal("/a/{x}", params);
    expect(message).toBe(`Path parameter "x" for /a/{x} ${why}${why.endsWith("sent") ? "" : "; nothing was sent"}`);
    expect(parameter).toBe("x");
  });

  it("serializes a null-prototype object with fields as a plain object", () => {
    expect(safePathSerializer("/a/{x}", { x: Object.assign(Object.create(null), { k: "v" }) })).toBe("/a/k,v");
  });

  it("reads a name with a dot or a star inside it whole (only a leading . ; and a trailing * are style)", () => {
    expect(safePathSerializer("/a/{a.b}", { "a.b": "v" })).toBe("/a/v");
    expect(safePathSerializer("/a/{a*b}", { "a*b": 1 })).toBe("/a/1");
    expect(safePathSerializer("/a/{x*}", { x: { k: "v" } })).toBe("/a/k=v");
    expect(safePathSerializer("/a/{;x}", { x: [1] })).toBe("/a/;x=1");
  });
});
