import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSchemaTypes } from "../src/generate/emit/schema-types.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";
import { compile } from "./fixture-package.js";

describe("schema types from openapi-typescript", () => {
  it("compile when refs point inside a schema (Azure's …/allOf/0, through nested properties)", async () => {
    const document = {
      openapi: "3.0.3",
      info: { title: "x", version: "1" },
      paths: {
        "/gateways": {
          get: {
            responses: {
              200: {
                description: "ok",
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: {
                        base: { $ref: "#/components/schemas/Server/properties/ipConfiguration/allOf/0" },
                        state: {
                          $ref: "#/components/schemas/Server/properties/ipConfiguration/properties/properties/properties/state",
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Server: {
            type: "object",
            properties: {
              ipConfiguration: {
                allOf: [{ type: "object", properties: { id: { type: "string" } } }],
                properties: { properties: { type: "object", properties: { state: { type: "string", enum: ["on"] } } } },
              },
            },
          },
        },
      },
    } as unknown as OpenApiDocument;
    const source = await compileSchemaTypes(document, JSON.stringify(document), { readWriteMarkers: false });
    const dir = await mkdtemp(join(tmpdir(), "specsdk-schema-"));
    try {
      await writeFile(join(dir, "package.json"), '{ "type": "module" }');
      await writeFile(join(dir, "schema.ts"), source);
      await writeFile(
        join(dir, "use.ts"),
        `import type { paths } from "./schema.js";
type Body = paths["/gateways"]["get"]["responses"][200]["content"]["application/json"];
export const body: Body = { base: { id: "g1" }, state: "on" };
`,
      );
      expect(compile([join(dir, "use.ts")])).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
