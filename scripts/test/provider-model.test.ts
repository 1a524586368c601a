import { describe, expect, it } from "vitest";
import { propertySkipReason } from "../src/generate/emit/property-tests.js";
import { buildProviderModel } from "../src/model/provider-model.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";

const config = {
  packageName: "@x/x",
  displayName: "X",
  clientFactory: "createX",
  description: "x",
  auth: { envVar: "X_KEY" },
};

function build(document: object, auth: object = config.auth) {
  return buildProviderModel({
    name: "x",
    specFile: "x.yaml",
    specSha256: "",
    document: { openapi: "3.0.3", info: { title: "x", version: "1" }, ...document } as OpenApiDocument,
    config: { ...config, auth } as typeof config,
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
    expect(model.companionCredentialHeaders).toEqual([{ name: "X-APISETU-CLIENTID", prefix: "" }]);
  });

  it("finds an API key header required beside an OAuth2 token (NBG's Client-Id), not one the token alone satisfies", () => {
    const document = {
      components: {
        securitySchemes: {
          token: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://x.test/token", scopes: {} } } },
          clientId: { type: "apiKey", in: "header", name: "Client-Id" },
          other: { type: "apiKey", in: "header", name: "X-Alone" },
        },
      },
      paths: {
        "/consents": { post: { security: [{ token: [], clientId: [] }], responses: { 201: { description: "ok" } } } },
        "/a": { get: { security: [{ token: [] }], responses: { 200: { description: "ok" } } } },
        "/b": { get: { security: [{ token: [] }, { other: [] }], responses: { 200: { description: "ok" } } } },
      },
    };
    const model = build(document);
    expect(model.placement).toEqual({ in: "bearer" });
    expect(model.companionCredentialHeaders).toEqual([{ name: "Client-Id", prefix: "" }]);
    // With the client id as the client's key (what providers:add infers for NBG), the token is the companion.
    const byClientId = build(document, { envVar: "X_KEY", in: "header", name: "Client-Id" });
    expect(byClientId.companionCredentialHeaders).toEqual([{ name: "Authorization", prefix: "Bearer " }]);
  });

  it("skips a status whose body is an object under a media type Prism serialises only as text (NBG's PDF errors)", () => {
    const model = build({
      security: [{ key: [] }],
      components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } },
      paths: {
        "/statements/{id}/file": {
          get: {
            parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
            responses: {
              200: {
                description: "the file",
                content: { "application/pdf": { schema: { type: "string", format: "binary" } } },
              },
              400: {
                description: "bad",
                content: {
                  "application/pdf": { schema: { type: "object", properties: { code: { type: "string" } } } },
                },
              },
              500: {
                description: "both",
                content: {
                  "application/json": { schema: { type: "object" } },
                  "application/pdf": { schema: { type: "object" } },
                },
              },
            },
          },
        },
      },
    });
    expect(model.operations[0]?.unmockable).toEqual({
      400: "Prism cannot serialise an object for a application/pdf response (it answers 500)",
    });
  });

  it("skips a documented redirect when the client follows redirects (GitHub's 302 downloads), not when it returns them", () => {
    const document = (scheme: object) => ({
      security: [{ key: [] }],
      components: { securitySchemes: { key: scheme } },
      paths: {
        "/tarball": {
          get: {
            responses: {
              302: { description: "to the archive", headers: { Location: { schema: { type: "string" } } } },
              304: { description: "not modified" },
            },
          },
        },
      },
    });
    const bearer = build(document({ type: "http", scheme: "bearer" }));
    expect(Object.keys(bearer.operations[0]?.unmockable ?? {})).toEqual(["302"]); // 304 is not followed
    expect(bearer.operations[0]?.unmockable[302]).toContain("fetch follows the redirect");
    // A key in a header is never sent along a redirect: the client hands the 3xx back, and Prism can answer it.
    const header = build(document({ type: "apiKey", in: "header", name: "X-Key" }));
    expect(header.operations[0]?.unmockable).toEqual({});
  });

  it("skips an operation whose security the client's credential cannot meet (HubSpot's developer key in the query)", () => {
    const model = build({
      components: {
        securitySchemes: {
          app: { type: "apiKey", in: "header", name: "private-app" },
          developer: { type: "apiKey", in: "query", name: "hapikey" },
        },
      },
      paths: {
        "/events": { get: { security: [{ app: [] }], responses: { 200: { description: "ok" } } } },
        "/settings": { get: { security: [{ developer: [] }], responses: { 200: { description: "ok" } } } },
        "/either": { get: { security: [{ developer: [] }, { app: [] }], responses: { 200: { description: "ok" } } } },
        "/open": { get: { security: [{ developer: [] }, {}], responses: { 200: { description: "ok" } } } },
      },
    });
    expect(model.placement).toEqual({ in: "header", name: "private-app" });
    expect(model.operations.map((operation) => [operation.path, operation.uncheckableRequest])).toEqual([
      ["/events", undefined],
      ["/settings", "the operation requires developer, which the client's credential does not satisfy"],
      ["/either", undefined],
      ["/open", undefined],
    ]);
  });

  it("runs the generated-input property of an operation with a oneOf number-or-string parameter: the harness generates only values valid as text (packages/testing)", () => {
    const workflow = (oneOf: object[]) => ({
      get: {
        parameters: [{ name: "workflow_id", in: "path", required: true, schema: { oneOf } }],
        responses: { 200: { description: "ok" } },
      },
    });
    const model = build({
      security: [{ key: [] }],
      components: { securitySchemes: { key: { type: "http", scheme: "bearer" } } },
      paths: {
        "/workflows/{workflow_id}": workflow([{ type: "integer" }, { type: "string" }]),
        "/runs/{workflow_id}": workflow([{ type: "integer" }, { type: "string", pattern: "^[a-z]+\\.yml$" }]),
      },
    });
    expect(model.operations.map((operation) => propertySkipReason(operation))).toEqual([undefined, undefined]);
  });

  it("skips an operation with an optional deepObject query parameter that requires properties: Prism refuses it left out (Stripe)", () => {
    const tax = (required: string[]) => ({
      name: "automatic_tax",
      in: "query",
      style: "deepObject",
      explode: true,
      schema: { type: "object", required, properties: { enabled: { type: "boolean" } } },
    });
    const model = build({
      security: [{ key: [] }],
      components: { securitySchemes: { key: { type: "http", scheme: "basic" } } },
      paths: {
        "/invoices/upcoming": { get: { parameters: [tax(["enabled"])], responses: { 200: { description: "ok" } } } },
        "/invoices/preview": { get: { parameters: [tax([])], responses: { 200: { description: "ok" } } } },
        "/invoices/draft": {
          get: { parameters: [{ ...tax(["enabled"]), required: true }], responses: { 200: { description: "ok" } } },
        },
      },
    });
    expect(model.operations.map((operation) => [operation.path, operation.uncheckableRequest])).toEqual([
      [
        "/invoices/upcoming",
        "Prism reads the optional deepObject query parameter automatic_tax as an empty object when left out, and refuses it for the properties it requires (a Prism limitation)",
      ],
      ["/invoices/preview", undefined],
      ["/invoices/draft", undefined],
    ]);
  });

  it("skips an operation whose form body requires an array field: Prism reads form fields as strings (Twilio's Permission)", () => {
    const model = build({
      security: [{ key: [] }],
      components: { securitySchemes: { key: { type: "http", scheme: "basic" } } },
      paths: {
        "/roles": {
          post: {
            requestBody: {
              content: {
                "application/x-www-form-urlencoded": {
                  schema: {
                    type: "object",
                    required: ["FriendlyName", "Permission"],
                    properties: {
                      FriendlyName: { type: "string" },
                      Permission: { type: "array", items: { type: "string" } },
                    },
                  },
                },
              },
            },
            responses: { 201: { description: "created" } },
          },
        },
      },
    });
    expect(model.operations[0]?.uncheckableRequest).toBe(
      "Prism reads a form field as one string and refuses the array field Permission (a Prism limitation)",
    );
  });

  it("skips a response Prism cannot sample (too large, no example: EPA's facility report), not one with an example", () => {
    const large = {
      type: "object",
      properties: Object.fromEntries(Array.from({ length: 3000 }, (_, index) => [`field${index}`, { type: "string" }])),
    };
    const model = build({
      security: [{ key: [] }],
      components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } },
      paths: {
        "/report": {
          get: { responses: { 200: { description: "ok", content: { "application/json": { schema: large } } } } },
        },
        "/small": {
          get: {
            responses: {
              200: { description: "ok", content: { "application/json": { schema: large, example: { field0: "a" } } } },
            },
          },
        },
      },
    });
    expect(model.operations[0]?.unmockable[200]).toBe(
      "Prism cannot build a body this large from the schema, and the spec gives no example (it answers 500)",
    );
    expect(model.operations[1]?.unmockable).toEqual({});
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
        "/history/export?filename={filename}": {
          get: {
            parameters: [{ name: "filename", in: "query", required: true, schema: { type: "string" } }],
            responses: { 200: { description: "ok" } },
          },
        },
      },
    });
    const [remove, exported, history] = model.operations;
    expect(history?.uncheckableRequest).toContain("Prism cannot route a path whose spec key carries a query string");
    expect(remove?.successParse).toBe("none");
    expect(exported?.uncheckableRequest).toContain("Prism cannot route a path whose spec key carries a fragment");
    expect(model.companionCredentialHeaders).toEqual([]);
  });

  it("skips an operation whose spec allows no valid request (SendGrid's send_at: enum [now] with format date-time), and only that one", () => {
    const sendAt = { type: "string", format: "date-time", enum: ["now"] };
    const model = build({
      security: [{ key: [] }],
      components: {
        schemas: { SendAt: sendAt },
        securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } },
      },
      paths: {
        "/schedule": {
          put: {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["send_at"],
                    properties: { send_at: { $ref: "#/components/schemas/SendAt" } },
                  },
                },
              },
            },
            responses: { 201: { description: "ok" } },
          },
        },
        "/later": {
          put: {
            // Optional: a request without it is valid.
            requestBody: {
              content: {
                "application/json": { schema: { type: "object", properties: { send_at: sendAt } } },
              },
            },
            responses: { 201: { description: "ok" } },
          },
        },
        "/when/{at}": {
          get: {
            parameters: [{ name: "at", in: "path", required: true, schema: { allOf: [sendAt] } }],
            responses: { 200: { description: "ok" } },
          },
        },
        "/now": {
          get: {
            parameters: [{ name: "at", in: "query", required: true, schema: { type: "string", enum: ["now"] } }],
            responses: { 200: { description: "ok" } },
          },
        },
      },
    });
    const [schedule, later, when, now] = model.operations;
    expect(schedule?.uncheckableRequest).toBe(
      'the spec allows no valid request: the body\'s send_at must be one of ["now"], which its own schema refuses (the value must match format "date-time")',
    );
    expect(later?.uncheckableRequest).toBeUndefined();
    expect(when?.uncheckableRequest).toContain("the spec allows no valid request: path parameter at must be one of");
    expect(now?.uncheckableRequest).toBeUndefined();
  });
});
