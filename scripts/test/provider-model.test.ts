import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../src/lib/openapi-types.js";
import { buildProviderModel } from "../src/lib/provider-model.js";

const config = {
  packageName: "@x/x",
  displayName: "X",
  clientFactory: "createX",
  description: "x",
  auth: { envVar: "X_KEY" },
};

function build(document: object) {
  return buildProviderModel({
    name: "x",
    specFile: "x.yaml",
    specSha256: "",
    document: { openapi: "3.0.3", info: { title: "x", version: "1" }, ...document } as OpenApiDocument,
    config,
  });
}

describe("the provider model of real-spec shapes", () => {
  it("finds API keys required beside the client's own (APISetu's key and client id)", () => {
    const model = build({
      components: {
        securitySchemes: {
          apiKey: { type: "apiKey", in: "header", name: "X-APISETU-APIKEY" },
          clientId: { type: "apiKey", in: "header", name: "X-APISETU-CLIENTID" },
        },
      },
      paths: {
        "/cert": { post: { security: [{ apiKey: [], clientId: [] }], responses: { 200: { description: "ok" } } } },
      },
    });
    expect(model.placement).toEqual({ in: "header", name: "X-APISETU-APIKEY" });
    expect(model.companionKeyHeaders).toEqual(["X-APISETU-CLIENTID"]);
  });

  it("reads a 204 as bodiless whatever content the spec lists, and skips a path Prism cannot route", () => {
    const model = build({
      security: [{ key: [] }],
      components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } },
      paths: {
        "/teams/{id}/removeUser": {
          post: {
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: {
              204: { description: "gone", content: { "application/json": { schema: { type: "object" } } } },
            },
          },
        },
        "/export#type": { get: { responses: { 200: { description: "ok" } } } },
      },
    });
    const [remove, exported] = model.operations;
    expect(remove?.successParse).toBe("none");
    expect(exported?.uncheckableRequest).toContain("Prism cannot route a path whose spec key carries a fragment");
    expect(model.companionKeyHeaders).toEqual([]);
  });
});
