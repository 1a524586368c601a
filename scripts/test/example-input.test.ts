import { describe, expect, it } from "vitest";
import { exampleInput, exampleRequest } from "../src/emit/example-input.js";
import type { OpenApiDocument } from "../src/lib/openapi-types.js";
import { buildProviderModel } from "../src/lib/provider-model.js";

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
      bodyFromSpecExample: false,
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
});
