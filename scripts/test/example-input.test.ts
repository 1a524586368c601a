import { describe, expect, it } from "vitest";
import { emitContractTests } from "../src/generate/emit/contract-tests.js";
import { exampleInput, exampleRequest } from "../src/generate/emit/example-input.js";
import { buildProviderModel } from "../src/model/provider-model.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";

function model(schemas: Record<string, object>, body: object, parameters: object[] = []) {
  const document = {
    openapi: "3.0.3",
    info: { title: "x", version: "1" },
    paths: {
      "/things": {
        post: {
          operationId: "createThing",
          parameters,
          requestBody: { required: true, content: { "application/json": body } },
          responses: { 200: { description: "ok" } },
        },
      },
    },
    components: { schemas },
  } as unknown as OpenApiDocument;
  const config = {
    packageName: "@x/x",
    displayName: "X",
    clientFactory: "createX",
    description: "x",
    auth: { in: "none" as const },
  };
  const built = buildProviderModel({ name: "x", specFile: "x.yaml", specSha256: "", document, config });
  return { model: built, operation: built.operations[0] as (typeof built.operations)[number] };
}

describe("request examples are valid against the spec (ajv, as Prism checks them)", () => {
  it("keeps a `required` beside an allOf and an enum from its parts", () => {
    const { model: m, operation } = model(
      { Base: { type: "object", properties: { kind: { type: "string", enum: ["a", "b"] } }, required: ["kind"] } },
      {
        schema: {
          allOf: [{ $ref: "#/components/schemas/Base" }],
          properties: { name: { type: "string" } },
          required: ["name"],
        },
      },
    );
    expect(exampleRequest(m, operation)).toEqual({
      params: {},
      body: { kind: "a", name: "my-name" },
      problems: [],
      untyped: [],
    });
  });

  it("parses an object example written as JSON text, and replaces an example that breaks the schema", () => {
    const jsonText = model(
      {},
      { schema: { type: "object", properties: { n: { type: "integer" } }, example: '{"n": 3}' } },
    );
    expect(exampleRequest(jsonText.model, jsonText.operation).body).toEqual({ n: 3 });
    const broken = model(
      {},
      {
        example: { n: "three" },
        schema: { type: "object", required: ["n"], properties: { n: { type: "integer", minimum: 5 } } },
      },
    );
    expect(exampleRequest(broken.model, broken.operation)).toMatchObject({ body: { n: 5 }, problems: [] });
  });

  it("an array body with `properties` beside `items` is an array, not spread into fields", () => {
    const { model: m, operation } = model(
      {},
      { schema: { type: "array", items: { type: "string", format: "email" }, properties: { length: {} } } },
    );
    expect(operation.bodyInput).toBe("property");
    expect(exampleInput(m, operation).input).toEqual({ body: ["user@example.com"] });
  });

  it("checks parameters as Prism does (coerced from text), and reports what nothing can make valid", () => {
    const { model: m, operation } = model(
      {},
      {
        schema: { type: "object", required: ["a"], properties: { a: { type: "string", minLength: 5, maxLength: 2 } } },
      },
      [{ name: "page", in: "query", required: true, example: "2", schema: { type: "integer" } }],
    );
    const request = exampleRequest(m, operation);
    expect(request.params).toEqual({ query: { page: "2" } });
    expect(request.problems).toEqual(["body: /a must NOT have fewer than 5 characters"]);
  });
});

describe("oneOf and anyOf", () => {
  it("build variants that only add `required` together with the properties beside them (GitHub's gist update)", () => {
    const { model: m, operation } = model(
      {},
      {
        schema: {
          type: "object",
          nullable: true,
          properties: { description: { type: "string" }, files: { type: "object" } },
          anyOf: [{ required: ["description"] }, { required: ["files"] }],
        },
      },
    );
    expect(exampleRequest(m, operation)).toMatchObject({ body: { description: "my-description" }, problems: [] });
  });

  it("try each variant of a parameter: sent as text, 1 matches both integer and string (GitHub's workflow_id)", () => {
    const { model: m, operation } = model({}, { schema: { type: "object" } }, [
      {
        name: "workflow_id",
        in: "query",
        required: true,
        schema: { oneOf: [{ type: "integer" }, { type: "string" }] },
      },
    ]);
    expect(exampleRequest(m, operation)).toMatchObject({
      params: { query: { workflow_id: "my-workflow-id" } },
      problems: [],
    });
  });
});

describe("parameters are checked as the text they travel as", () => {
  it('refuses `true` for an integer (PocketSmith\'s interval): on the wire it is "true"', () => {
    const { model: m, operation } = model({}, { schema: { type: "object" } }, [
      { name: "interval", in: "query", required: true, example: true, schema: { type: "integer" } },
      { name: "flag", in: "query", required: true, example: true, schema: { type: "boolean" } },
    ]);
    expect(exampleRequest(m, operation)).toMatchObject({
      params: { query: { interval: 1, flag: true } },
      problems: [],
    });
  });
});

describe("header parameters that name a media type", () => {
  it("get one (Lufthansa's required `Accept`: Prism crashes on any other text)", () => {
    const { model: m, operation } = model({}, { schema: { type: "object" } }, [
      { name: "Accept", in: "header", required: true, schema: { type: "string" } },
      { name: "Content-Type", in: "header", required: true, schema: { type: "string" } },
      { name: "X-Trace", in: "header", required: true, schema: { type: "string" } },
    ]);
    expect(exampleRequest(m, operation).params.header).toEqual({
      Accept: "application/json",
      "Content-Type": "application/json",
      "X-Trace": "my-X-Trace",
    });
  });
});

describe("strings with a pattern", () => {
  it("keep the readable example when it matches, else the shortest the regex allows", () => {
    const { model: m, operation } = model(
      {},
      {
        schema: {
          type: "object",
          required: ["scope", "slug"],
          properties: {
            scope: { type: "string", pattern: "^(indices)|(A[A-F0-9]{6})$" },
            slug: { type: "string", pattern: "^[a-z-]+$" },
          },
        },
      },
    );
    expect(exampleRequest(m, operation)).toMatchObject({ body: { scope: "indices", slug: "my-slug" }, problems: [] });
  });

  it("also fit minLength/maxLength (VPC Lattice's ARNs: the shortest match is too short)", () => {
    const arn = "^arn(:[a-z0-9]+([.-][a-z0-9]+)*){2}(:([a-z0-9]+([.-][a-z0-9]+)*)?){2}:([^/].*)?$";
    const schema = {
      type: "object",
      required: ["destinationArn", "code", "account"],
      properties: {
        destinationArn: { type: "string", minLength: 20, maxLength: 2048, pattern: arn },
        code: { type: "string", minLength: 3, maxLength: 3, pattern: "^[A-Z]+$" },
        // A lazy quantifier, which randexp alone reads as "optional".
        account: { type: "string", pattern: "^\\d{12}?:[^/]$" },
      },
    };
    const first = exampleRequest(model({}, { schema }).model, model({}, { schema }).operation);
    expect(first.problems).toEqual([]);
    const body = first.body as { destinationArn: string; code: string; account: string };
    expect(body.destinationArn).toMatch(new RegExp(arn, "u"));
    expect(body.destinationArn.length).toBeGreaterThanOrEqual(20);
    expect(body.code).toMatch(/^[A-Z]{3}$/);
    expect(body.account).toMatch(/^\d{12}:[^/]$/);
    // Deterministic: generated files must not change between runs.
    expect(exampleRequest(model({}, { schema }).model, model({}, { schema }).operation).body).toEqual(body);
  });
});

describe("examples the generated input type may not accept as a literal are cast", () => {
  /** The `const input …` line the contract tests emit for the model's one operation. */
  function inputLine(m: ReturnType<typeof model>["model"]): string {
    return (
      emitContractTests(m)
        .text.split("\n")
        .find((line) => line.includes("const input")) ?? ""
    );
  }

  it("a built body with `required` names that `properties` lacks (xero_files' FileObject and Folder)", () => {
    const { model: m, operation } = model(
      {
        Folder: {
          properties: { Name: { type: "string", example: "assets" } },
          required: ["name"],
        },
      },
      // The media example is JSON text; as text it passes the untyped schema but cannot be passed as fields.
      { example: '{ "Name": "My Docs" }', schema: { $ref: "#/components/schemas/Folder" } },
    );
    expect(operation.bodyInput).toBe("fields");
    expect(exampleRequest(m, operation)).toEqual({
      params: {},
      body: { name: "my-name" },
      problems: [],
      untyped: ["body: /name is not a property of its schema"],
    });
    expect(inputLine(m)).toBe('  const input = { name: "my-name" } as unknown as CreateThingInput;');
  });

  it("the spec's example data with fields the types do not name, nested (lambdatest's browser map)", () => {
    const { model: m, operation } = model(
      {
        Browsers: {
          type: "object",
          properties: { chrome: { type: "array", items: { type: "string" } } },
        },
      },
      {
        example: { configs: { macos: { chrome: ["76"], safari: ["12"] } } },
        schema: {
          type: "object",
          properties: {
            configs: { type: "object", additionalProperties: { $ref: "#/components/schemas/Browsers" } },
          },
        },
      },
    );
    expect(exampleRequest(m, operation).untyped).toEqual([
      "body: the spec's example data",
      "body: /configs/macos/safari is not a property of its schema",
    ]);
    expect(inputLine(m)).toMatch(/as unknown as CreateThingInput;$/);
  });

  it("leaves out an example's undeclared field named like a parameter, which the flat input gives to the parameter (SendGrid's template_id)", () => {
    const { model: m, operation } = model(
      {},
      {
        schema: {
          type: "object",
          required: ["name"],
          properties: { name: { type: "string" } },
          example: { name: "v1", template_id: "not-a-uuid" },
        },
      },
      [{ name: "template_id", in: "query", required: true, schema: { type: "string", format: "uuid" } }],
    );
    const { input, problems } = exampleInput(m, operation);
    expect(problems).toEqual([]);
    expect(input).toEqual({ template_id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "v1" });
  });

  it("a parameter example valid only as text; a body of named fields stays typed", () => {
    const { model: m, operation } = model(
      {},
      {
        schema: {
          type: "object",
          required: ["a"],
          properties: { a: { type: "string" }, extra: { type: "object", additionalProperties: true } },
        },
      },
      [{ name: "page", in: "query", required: true, example: "2", schema: { type: "integer" } }],
    );
    expect(exampleRequest(m, operation).untyped).toEqual([
      "query parameter page: the spec's example is valid only as text",
    ]);
    const typed = model({}, { schema: { type: "object", required: ["a"], properties: { a: { type: "string" } } } }, [
      { name: "page", in: "query", required: true, example: 2, schema: { type: "integer" } },
    ]);
    expect(exampleRequest(typed.model, typed.operation).untyped).toEqual([]);
    expect(inputLine(typed.model)).toBe('  const input: CreateThingInput = { page: 2, a: "my-a" };');
  });
});

describe("a discriminated oneOf/anyOf", () => {
  const pets = {
    Cat: {
      type: "object",
      required: ["petType", "name"],
      properties: { petType: { type: "string" }, name: { type: "string" } },
    },
    Dog: {
      type: "object",
      required: ["petType", "bark"],
      properties: { petType: { type: "string" }, bark: { type: "boolean" } },
    },
  };

  it("sets the property to the mapping key that selects the chosen variant", () => {
    const { model: m, operation } = model(pets, {
      schema: {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: {
          propertyName: "petType",
          mapping: { dog: "#/components/schemas/Dog", cat: "#/components/schemas/Cat" },
        },
      },
    });
    expect(exampleRequest(m, operation)).toEqual({
      params: {},
      body: { petType: "cat", name: "my-name" },
      problems: [],
      untyped: [],
    });
  });

  it("without a mapping (or one that does not name the variant), to the variant's schema name", () => {
    const { model: m, operation } = model(pets, {
      schema: {
        anyOf: [{ type: "null" }, { $ref: "#/components/schemas/Dog" }, { $ref: "#/components/schemas/Cat" }],
        discriminator: { propertyName: "petType", mapping: { kitty: "#/components/schemas/Cat" } },
      },
    });
    expect(exampleRequest(m, operation)).toMatchObject({ body: { petType: "Dog", bark: true }, problems: [] });
  });

  it("picks a variant it can name (a $ref) over an inline one, and keeps a value the variant pins", () => {
    const inline = model(pets, {
      schema: {
        oneOf: [
          { type: "object", required: ["petType"], properties: { petType: { type: "string", enum: ["fish"] } } },
          { $ref: "#/components/schemas/Dog" },
        ],
        discriminator: { propertyName: "petType" },
      },
    });
    expect(exampleRequest(inline.model, inline.operation)).toMatchObject({
      body: { petType: "Dog", bark: true },
      problems: [],
    });
    const pinned = model(
      { Cat: { ...pets.Cat, properties: { ...pets.Cat.properties, petType: { type: "string", enum: ["CAT"] } } } },
      {
        schema: {
          oneOf: [{ $ref: "#/components/schemas/Cat" }],
          discriminator: { propertyName: "petType", mapping: { cat: "#/components/schemas/Cat" } },
        },
      },
    );
    // Valid for ajv, but openapi-typescript types the variant's petType as "cat": cast.
    expect(exampleRequest(pinned.model, pinned.operation)).toEqual({
      params: {},
      body: { petType: "CAT", name: "my-name" },
      problems: [],
      untyped: ['body: /petType is "CAT", not what its type requires ("cat")'],
    });
  });

  it("a schema extending a discriminated one (allOf) names itself, as openapi-typescript types it", () => {
    const { model: m, operation } = model(
      {
        Animal: {
          type: "object",
          required: ["kind"],
          properties: { kind: { type: "string" } },
          discriminator: { propertyName: "kind", mapping: { lion: "#/components/schemas/Lion" } },
        },
        Big: { allOf: [{ $ref: "#/components/schemas/Animal" }] },
        Lion: {
          allOf: [{ $ref: "#/components/schemas/Big" }, { type: "object", properties: { mane: { type: "boolean" } } }],
        },
        Cub: { allOf: [{ $ref: "#/components/schemas/Animal" }] },
      },
      {
        schema: {
          type: "object",
          required: ["lion", "cub"],
          properties: { lion: { $ref: "#/components/schemas/Lion" }, cub: { $ref: "#/components/schemas/Cub" } },
        },
      },
    );
    expect(exampleRequest(m, operation)).toMatchObject({
      body: { lion: { kind: "lion" }, cub: { kind: "Cub" } },
      problems: [],
      untyped: [],
    });
  });
});
