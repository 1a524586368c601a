import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type JsonSchema, lengthBoundedPattern, schemaArbitrary } from "../src/schema-arbitrary.js";
import { createSchemaCheck } from "../src/schema-check.js";

const components31 = {
  Id: { type: "string", format: "uuid" },
  Pet: {
    type: "object",
    required: ["id", "kind"],
    additionalProperties: false,
    properties: {
      id: { $ref: "#/components/schemas/Id" },
      kind: { type: "string", enum: ["cat", "dog", "3d"] },
      name: { type: ["string", "null"], minLength: 1, maxLength: 5 },
      born: { type: "string", format: "date-time" },
      tags: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 3, uniqueItems: true },
      owner: {
        type: "object",
        required: ["email"],
        properties: { email: { type: "string", format: "email" }, site: { type: "string", format: "uri" } },
      },
    },
  },
  Tree: {
    type: "object",
    required: ["label"],
    properties: {
      label: { type: "string" },
      children: { type: "array", maxItems: 2, items: { $ref: "#/components/schemas/Tree" } },
    },
  },
};
const document31 = { openapi: "3.1.0", components: { schemas: components31 } };

/** Schemas that name each supported keyword at least once, for a 3.1 document. */
const schemas31: Record<string, JsonSchema> = {
  "enum with a digit-led value": { type: "string", enum: ["image", "video", "voice", "3d"] },
  const: { const: "fixed" },
  "plain string (empty allowed)": { type: "string" },
  "string lengths": { type: "string", minLength: 3, maxLength: 4 },
  pattern: { type: "string", pattern: "^[a-z]{2}-[0-9]{1,3}$" },
  "pattern with lookaheads (VPC Lattice's rule ids)": {
    type: "string",
    pattern: "^(?!rule-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$",
  },
  "pattern with a lookbehind and a class holding a parenthesis": { type: "string", pattern: "^[a-z()]{2,6}(?<![)])$" },
  "date-time": { type: "string", format: "date-time" },
  date: { type: "string", format: "date" },
  uuid: { type: "string", format: "uuid" },
  email: { type: "string", format: "email" },
  uri: { type: "string", format: "uri" },
  "ipv4 and hostname": {
    anyOf: [
      { type: "string", format: "ipv4" },
      { type: "string", format: "hostname" },
    ],
  },
  "unknown format": { type: "string", format: "my-own-format" },
  "integer bounds": { type: "integer", minimum: -3, exclusiveMaximum: 10 },
  "integer multipleOf": { type: "integer", minimum: 1, maximum: 100, multipleOf: 7 },
  "number bounds": { type: "number", exclusiveMinimum: 0, maximum: 1.5 },
  boolean: { type: "boolean" },
  "type array with null": { type: ["integer", "null"] },
  "anyOf string or null (Prime Intellect teamId)": { anyOf: [{ type: "string" }, { type: "null" }] },
  "oneOf overlapping branches": { oneOf: [{ type: "integer" }, { type: "number", minimum: 0 }] },
  "allOf of a ref and more": {
    allOf: [
      { $ref: "#/components/schemas/Tree" },
      { type: "object", required: ["weight"], properties: { weight: { type: "integer", minimum: 0 } } },
    ],
  },
  "nested object, additionalProperties false": { $ref: "#/components/schemas/Pet" },
  "additionalProperties schema": {
    type: "object",
    additionalProperties: { type: "integer" },
    properties: { a: { type: "string" } },
  },
  "array of objects": { type: "array", minItems: 2, maxItems: 4, items: { $ref: "#/components/schemas/Pet" } },
  "recursive ref": { $ref: "#/components/schemas/Tree" },
  "no type": {},
};

const document30 = {
  openapi: "3.0.3",
  components: { schemas: { Name: { type: "string", nullable: true, maxLength: 3 } } },
};
const schemas30: Record<string, JsonSchema> = {
  "nullable string": { $ref: "#/components/schemas/Name" },
  "nullable enum": { type: "string", enum: ["a", "b"], nullable: true },
  "boolean exclusiveMinimum": { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 1 },
  "nullable without a type (Twilio's response fields)": {
    type: "object",
    required: ["links"],
    properties: { links: { nullable: true }, url: { format: "uri", nullable: true } },
  },
  "nullable object": {
    type: "object",
    nullable: true,
    required: ["n"],
    properties: { n: { type: "integer", nullable: true } },
  },
};

describe.each([
  ["3.1", document31, schemas31],
  ["3.0", document30, schemas30],
] as const)(
  "schemaArbitrary on OpenAPI %s schemas: every value is valid as Prism's ajv sees it",
  (_, document, schemas) => {
    const check = createSchemaCheck(document);
    const accepts = (schema: JsonSchema, value: unknown) => check(schema, value).length === 0;
    it.each(Object.entries(schemas))("%s", (_name, schema) => {
      fc.assert(
        fc.property(schemaArbitrary(schema, { root: document, accepts }), (value) => {
          expect(check(schema, value)).toEqual([]);
        }),
        { seed: 1602, numRuns: 200 },
      );
    });
  },
);

describe("schemaArbitrary's strings", () => {
  const values = fc.sample(schemaArbitrary({ type: "string" }), { seed: 1602, numRuns: 500 }) as string[];

  it("include the empty string where no minLength forbids it", () => {
    expect(values).toContain("");
  });

  it.each([" ", "/", "?", "#", "%", "&", "+"])("include %j, which a URL must encode", (character) => {
    expect(values.some((value) => value.includes(character))).toBe(true);
  });

  it("include non-ASCII and astral characters", () => {
    expect(values.some((value) => /[^ -~]/.test(value))).toBe(true);
    expect(values.some((value) => [...value].some((c) => (c.codePointAt(0) ?? 0) > 0xffff))).toBe(true);
  });

  it("are never empty under minLength, and count code points as JSON Schema does", () => {
    const sized = fc.sample(schemaArbitrary({ type: "string", minLength: 2, maxLength: 2 }), { seed: 1, numRuns: 300 });
    expect(sized.every((value) => [...(value as string)].length === 2)).toBe(true);
  });
});

describe("schemaArbitrary's objects", () => {
  const pets = fc.sample(schemaArbitrary({ $ref: "#/components/schemas/Pet" }, { root: document31 }), {
    seed: 1602,
    numRuns: 300,
  }) as Record<string, unknown>[];

  it("always have the required properties, and sometimes leave out each optional one", () => {
    expect(pets.every((pet) => "id" in pet && "kind" in pet)).toBe(true);
    for (const optional of ["name", "born", "tags", "owner"]) {
      expect(pets.some((pet) => optional in pet)).toBe(true);
      expect(pets.some((pet) => !(optional in pet))).toBe(true);
    }
  });

  it("give nullable values null sometimes", () => {
    expect(pets.some((pet) => pet.name === null)).toBe(true);
  });

  it("give no null to a nullable without a type: Prism ignores it there (GitHub's milestone, string or integer)", () => {
    const milestone = { oneOf: [{ type: "string" }, { type: "integer" }], nullable: true };
    const values = fc.sample(schemaArbitrary(milestone), { seed: 1602, numRuns: 200 });
    expect(values.some((value) => value === null)).toBe(false);
    expect(values.some((value) => typeof value === "string")).toBe(true);
  });
});

describe("schemaArbitrary refuses what it cannot honour", () => {
  it("an external $ref", () => {
    expect(() => fc.sample(schemaArbitrary({ $ref: "other.yaml#/X" }), 1)).toThrow(/only local \$refs/);
  });

  it("the schema false", () => {
    expect(() => schemaArbitrary(false)).toThrow(/no valid value/);
  });
});

describe("createSchemaCheck's patterns", () => {
  const check = createSchemaCheck({ openapi: "3.0.3" });

  it("a pattern that is an error under the `u` flag (SendGrid's `\\_`) is read as `new RegExp` reads it, and still checks", () => {
    const batchId = { type: "string", pattern: "^[a-zA-Z0-9\\-\\_]" };
    expect(check(batchId, "HkJ5yLYULb7Rj8GKSx7u025ouWVlMgAi")).toEqual([]);
    expect(check(batchId, "_leading-underscore")).toEqual([]);
    expect(check(batchId, "!bang")).toEqual(['(value) must match pattern "^[a-zA-Z0-9\\-\\_]"']);
    expect(check({ ...batchId, maxLength: 3 }, "abcd")).toEqual(["(value) must NOT have more than 3 characters"]);
  });

  it("a pattern that needs the `u` flag keeps it", () => {
    expect(check({ type: "string", pattern: "^\\p{Lu}" }, "Émile")).toEqual([]);
    expect(check({ type: "string", pattern: "^\\p{Lu}" }, "émile")).toEqual(['(value) must match pattern "^\\p{Lu}"']);
  });
});

describe("patterns with lengths", () => {
  it("a repetition is bounded by minLength/maxLength: GitHub's 40-character commit SHA is generated, not filtered for", () => {
    const sha = { type: "string", pattern: "^[0-9a-fA-F]+$", minLength: 40, maxLength: 40 };
    const values = fc.sample(schemaArbitrary(sha), { seed: 1602, numRuns: 50 }) as string[];
    expect(values.every((value) => /^[0-9a-fA-F]{40}$/.test(value))).toBe(true);
  });

  it("rewrites only a pattern of one-character atoms whose last one repeats, within lengths it can meet", () => {
    expect(lengthBoundedPattern("^[0-9a-fA-F]+$", 40, 40)).toBe("^[0-9a-fA-F]{40,40}$");
    expect(lengthBoundedPattern("^v[0-9]*$", 3, 10)).toBe("^v[0-9]{2,9}$");
    expect(lengthBoundedPattern("^[a-z][a-z0-9\\-]{2,}$", 3, 63)).toBe("^[a-z][a-z0-9\\-]{2,62}$");
    for (const [pattern, min, max] of [
      ["^AC[0-9a-f]{32}$", 34, 34], // already exact
      ["^(a|b)+$", 3, 5], // a group
      ["^\\d+\\$$", 3, 5], // ends in a literal `$`, not an anchor
      ["^[0-9]+$", 10, 5], // lengths no string meets
      ["[0-9]+", 3, 5], // not anchored
    ] as const) {
      expect(lengthBoundedPattern(pattern, min, max)).toBeUndefined();
    }
  });
});

describe("createSchemaCheck's values", () => {
  it("checks an object with no prototype under uniqueItems, as the JSON sent for it (SendGrid's reply_to_list)", () => {
    const check = createSchemaCheck({ openapi: "3.0.3" });
    const list = { type: "array", uniqueItems: true, items: { type: "object" } };
    const bare = (email: string) => Object.assign(Object.create(null), { email });
    expect(check(list, [bare("a@a.aa"), bare("b@b.bb")])).toEqual([]);
    expect(check(list, [bare("a@a.aa"), bare("a@a.aa")])).toEqual([
      "(value) must NOT have duplicate items (items ## 0 and 1 are identical)",
    ]);
  });
});

describe("createSchemaCheck's asText (a parameter as Prism reads it)", () => {
  const check = createSchemaCheck({ openapi: "3.0.3" });
  const valid = (schema: JsonSchema, value: unknown) => check(schema, value, { asText: true }).length === 0;

  it("coerces text to the schema's types, as Prism's ajv does", () => {
    expect(valid({ type: "integer" }, 5)).toBe(true);
    expect(valid({ type: "boolean" }, false)).toBe(true);
    expect(valid({ type: "array", items: { type: "number" } }, [1.5, 2])).toBe(true);
    expect(valid({ type: "object", properties: { n: { type: "integer" } } }, { n: 3 })).toBe(true);
    expect(valid({ type: "string", maxLength: 2 }, 123)).toBe(false);
  });

  it("refuses a number for oneOf [integer, string]: as text it matches both branches (GitHub's workflow_id)", () => {
    const workflowId = { oneOf: [{ type: "integer" }, { type: "string" }] };
    expect(valid(workflowId, 7)).toBe(false);
    expect(valid(workflowId, "12")).toBe(false);
    expect(valid(workflowId, "build.yml")).toBe(true);
    // Checked as a value, the number is valid: that is what the property generated before.
    expect(check(workflowId, 7)).toEqual([]);
  });
});
