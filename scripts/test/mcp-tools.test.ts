import { describe, expect, it } from "vitest";
import { mcpTools } from "../src/generate/mcp/mcp-tools.js";
import { buildProviderModel } from "../src/model/provider-model.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";
import type { ProviderConfig } from "../src/spec/provider-config.js";

const json = (schema: object) => ({ "application/json": { schema } });

function table(document: object, config: Partial<ProviderConfig> = {}) {
  const model = buildProviderModel({
    name: "acme",
    specFile: "acme.yaml",
    specSha256: "0".repeat(64),
    document: {
      info: { title: "Acme", version: "1" },
      servers: [{ url: "https://acme.example.com" }],
      ...document,
    } as OpenApiDocument,
    config: {
      packageName: "@specsdk/acme",
      displayName: "Acme",
      clientFactory: "createAcmeClient",
      description: "Acme",
      auth: { envVar: "ACME_KEY", in: "query", name: "api_key" },
      ...config,
    } as ProviderConfig,
  });
  return mcpTools(model);
}

function tools(document: object, config: Partial<ProviderConfig> = {}) {
  return Object.fromEntries(table(document, config).tools.map((tool) => [tool.name, tool]));
}

const petStore = {
  openapi: "3.0.3",
  paths: {
    "/pets": {
      get: {
        operationId: "listPets",
        summary: "List pets",
        tags: ["pets"],
        parameters: [
          { name: "api_key", in: "query", schema: { type: "string" } },
          {
            name: "limit",
            in: "query",
            description: "At most this many",
            schema: { type: "integer", minimum: 0, exclusiveMinimum: true },
          },
        ],
        responses: {
          "200": { description: "ok", content: json({ type: "array", items: { $ref: "#/components/schemas/Pet" } }) },
        },
      },
      post: {
        operationId: "createPet",
        requestBody: { required: true, content: json({ $ref: "#/components/schemas/Pet" }) },
        responses: { "201": { description: "ok", content: json({ $ref: "#/components/schemas/Pet" }) } },
      },
    },
    "/pets/{id}": {
      delete: {
        operationId: "deletePet",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "204": { description: "gone" } },
      },
      put: {
        operationId: "archivePet",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "204": { description: "archived" } },
      },
    },
  },
  components: {
    schemas: {
      Pet: {
        type: "object",
        required: ["name"],
        properties: {
          name: { type: "string", nullable: true, example: "Rex", "x-internal": true },
          parent: { $ref: "#/components/schemas/Pet" },
          anything: true,
        },
      },
    },
  },
};

describe("MCP tools from an operation model", () => {
  it("input schemas: parameters and body fields, the key parameter left out, 3.0 keywords read as JSON Schema", () => {
    const { listPets, createPet } = tools(petStore);
    expect(listPets?.inputSchema).toEqual({
      type: "object",
      properties: { limit: { description: "At most this many", type: "integer", exclusiveMinimum: 0 } },
      additionalProperties: false,
    });
    // Body fields sit in the argument; a recursive $ref is named, its schema kept once in the table's
    // definitions (the runtime lists it under the tool's $defs); documentation-only keywords go.
    expect(createPet?.inputSchema).toEqual({
      type: "object",
      properties: { name: { type: ["string", "null"] }, parent: { $ref: "#/$defs/Pet" }, anything: {} },
      required: ["name"],
      additionalProperties: false,
    });
    expect(createPet?.inputDefs).toEqual(["Pet"]);
    expect(table(petStore).definitions).toEqual({
      Pet: {
        type: "object",
        required: ["name"],
        properties: { name: { type: ["string", "null"] }, parent: { $ref: "#/$defs/Pet" }, anything: {} },
      },
    });
  });

  it("output schemas: an object body as it is, anything else as { result }, none for an empty body", () => {
    const { listPets, createPet, deletePet } = tools(petStore);
    expect(listPets).toMatchObject({
      wrapsResult: true,
      outputSchema: {
        type: "object",
        properties: { result: { type: "array", items: { $ref: "#/$defs/Pet" } } },
        required: ["result"],
      },
    });
    expect(listPets?.outputDefs).toEqual(["Pet"]);
    expect(createPet?.outputSchema).toMatchObject({ type: "object", required: ["name"] });
    expect(createPet?.outputDefs).toEqual(["Pet"]);
    expect(createPet?.wrapsResult).toBeUndefined();
    expect(deletePet?.outputSchema).toBeUndefined();
  });

  it("annotations: GET reads, DELETE and configured operations destroy, PUT and configured ones are idempotent", () => {
    const all = tools(petStore, { destructiveOperations: ["archivePet"], idempotentOperations: ["createPet"] });
    const hints = Object.fromEntries(Object.entries(all).map(([name, tool]) => [name, tool.annotations]));
    expect(hints).toEqual({
      listPets: {
        title: "List pets",
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: true,
      },
      createPet: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      deletePet: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
      archivePet: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    });
    expect(all.listPets?.tags).toEqual(["pets"]);
    expect(all.listPets?.description).toBe("List pets\n\nGET /pets");
  });

  it("a key in the body is left out of the input; an unknown destructive operation is refused", () => {
    const { createPet } = tools(
      {
        ...petStore,
        paths: {
          "/pets": {
            post: {
              operationId: "createPet",
              requestBody: {
                required: true,
                content: json({
                  type: "object",
                  required: ["key", "name"],
                  properties: { key: { type: "string" }, name: { type: "string" } },
                }),
              },
              responses: { "204": { description: "ok" } },
            },
          },
        },
      },
      { auth: { envVar: "ACME_KEY", in: "body", name: "key" } },
    );
    expect(createPet?.inputSchema).toEqual({
      type: "object",
      properties: { name: { type: "string" } },
      required: ["name"],
      additionalProperties: false,
    });
    expect(() => tools(petStore, { destructiveOperations: ["nope"] })).toThrow(
      /marks "nope" destructive, which the spec does not have/,
    );
  });
  it("readOnly properties stay out of inputs, writeOnly ones out of outputs, required lists included", () => {
    const account = {
      type: "object",
      required: ["id", "name", "password"],
      properties: {
        id: { type: "string", readOnly: true },
        name: { type: "string" },
        password: { type: "string", writeOnly: true },
        owner: { $ref: "#/components/schemas/Owner" },
      },
    };
    const document = {
      openapi: "3.1.0",
      paths: {
        "/accounts": {
          post: {
            operationId: "createAccount",
            requestBody: { required: true, content: json({ $ref: "#/components/schemas/Account" }) },
            responses: { "201": { description: "ok", content: json({ $ref: "#/components/schemas/Account" }) } },
          },
          put: {
            operationId: "replaceAccount",
            requestBody: {
              required: true,
              content: json({ type: "array", items: { $ref: "#/components/schemas/Account" } }),
            },
            responses: { "204": { description: "ok" } },
          },
        },
      },
      components: {
        schemas: {
          Account: account,
          Owner: { type: "object", properties: { email: { type: "string" } } },
        },
      },
    };
    const { definitions, tools: list } = table(document);
    const byName = Object.fromEntries(list.map((tool) => [tool.name, tool]));
    // Body fields spread into the argument: read-only `id` is neither offered nor required.
    expect(byName.createAccount?.inputSchema).toMatchObject({ required: ["name", "password"] });
    expect(Object.keys(byName.createAccount?.inputSchema.properties ?? {})).toEqual(["name", "password", "owner"]);
    // The output leaves out the write-only password.
    expect(byName.createAccount?.outputSchema).toEqual({
      type: "object",
      required: ["id", "name"],
      properties: {
        id: { type: "string", readOnly: true },
        name: { type: "string" },
        owner: { $ref: "#/$defs/Owner" },
      },
    });
    expect(definitions["Account.input"]).toEqual({
      type: "object",
      required: ["name", "password"],
      properties: {
        name: { type: "string" },
        password: { type: "string", writeOnly: true },
        owner: { $ref: "#/$defs/Owner" },
      },
    });
    // A body in one property refers to the input side of Account; Owner, with no marker, is shared.
    expect(byName.replaceAccount?.inputSchema.properties).toEqual({
      body: { type: "array", items: { $ref: "#/$defs/Account.input" } },
    });
    expect(byName.replaceAccount?.inputDefs).toEqual(["Account.input", "Owner"]);
  });
});
