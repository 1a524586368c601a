import { describe, expect, it } from "vitest";
import { inferProviderConfig, parseAuthFlag } from "../src/add-provider/infer-provider-config.js";
import type { OpenApiDocument } from "../src/spec/openapi-types.js";
import { parseProviderConfig } from "../src/spec/provider-config.js";

function spec(extra: Partial<OpenApiDocument> = {}, parameters: object[] = []): OpenApiDocument {
  return {
    openapi: "3.0.3",
    info: { title: "Acme Widgets API v2", version: "1" },
    servers: [{ url: "https://api.acme.dev/v2" }],
    paths: {
      "/widgets": { get: { parameters, responses: { 200: { description: "ok" } } } },
      "/gadgets": { get: { parameters, responses: { 200: { description: "ok" } } } },
    },
    ...extra,
  } as OpenApiDocument;
}

const schemes = (scheme: object) =>
  ({ components: { securitySchemes: { main: scheme } }, security: [{ main: [] }] }) as Partial<OpenApiDocument>;

describe("providers:add infers provider.config.json from the spec", () => {
  it("names the package, the client and the key's environment variable; the config passes its JSON Schema", () => {
    const { config, inferred } = inferProviderConfig("acme", spec(schemes({ type: "http", scheme: "bearer" })), {});
    expect(config).toMatchObject({
      $schema: "../../scripts/provider-config.schema.json",
      packageName: "@specsdk/acme",
      displayName: "Acme Widgets",
      clientFactory: "createAcmeWidgetsClient",
      auth: { envVar: "ACME_API_KEY", in: "bearer" },
    });
    expect(inferred.join("\n")).toContain('security scheme "main" (http), used by 2 of 2 operations');
    expect(() => parseProviderConfig(JSON.stringify(config), "provider.config.json")).not.toThrow();
  });

  it.each([
    [
      { type: "apiKey", in: "header", name: "X-Api-Key" },
      { in: "header", name: "X-Api-Key" },
    ],
    [
      { type: "apiKey", in: "query", name: "api_key" },
      { in: "query", name: "api_key" },
    ],
    [{ type: "http", scheme: "basic" }, { in: "basic" }],
    [{ type: "oauth2", flows: {} }, { in: "bearer" }],
  ])("maps security scheme %j to %j", (scheme, auth) => {
    expect(inferProviderConfig("acme", spec(schemes(scheme)), {}).config.auth).toMatchObject(auth);
  });

  it("finds a key declared as a parameter on most operations when there is no security scheme", () => {
    const { config } = inferProviderConfig("acme", spec({}, [{ name: "apikey", in: "query", required: true }]), {});
    expect(config.auth).toEqual({ envVar: "ACME_API_KEY", in: "query", name: "apikey" });
  });

  it("says auth none, and asks for review, when the spec declares no credential", () => {
    const { config, review } = inferProviderConfig("acme", spec(), {});
    expect(config.auth).toEqual({ in: "none" });
    expect(review.join("\n")).toContain("no credential found in the spec");
  });

  it("lets --auth and --env-var override the spec, and records an https source as upstream", () => {
    const { config, inferred } = inferProviderConfig("acme", spec(schemes({ type: "http", scheme: "bearer" })), {
      auth: "body:key",
      envVar: "ACME_KEY",
      sourceUrl: "https://acme.dev/openapi.json",
      keep: ["GET /widgets"],
    });
    expect(config.auth).toEqual({ envVar: "ACME_KEY", in: "body", name: "key" });
    expect(config.upstream).toEqual({ url: "https://acme.dev/openapi.json", keep: ["GET /widgets"] });
    expect(inferred.join("\n")).toContain("from --auth");
  });

  it("refuses a header name HTTP cannot send, naming the scheme and the fix; --auth gets past it (RapidAPI's DynamicDocs)", () => {
    const broken = spec(schemes({ type: "apiKey", in: "header", name: "ADVICEment API Key" }));
    expect(() => inferProviderConfig("acme", broken, {})).toThrow(
      'components.securitySchemes.main: names the header "ADVICEment API Key", which HTTP cannot send (only letters, digits and !#$%&\'*+.^_`|~-); pass the real name with --auth header:<name>',
    );
    expect(inferProviderConfig("acme", broken, { auth: "header:Adv-Security-Token" }).config.auth).toEqual({
      envVar: "ACME_API_KEY",
      in: "header",
      name: "Adv-Security-Token",
    });
    // A hand-written config is checked by its JSON Schema the same way.
    const config = inferProviderConfig("acme", broken, { auth: "header:Adv-Security-Token" }).config;
    const text = JSON.stringify({ ...config, auth: { ...config.auth, name: "ADVICEment API Key" } });
    expect(() => parseProviderConfig(text, "provider.config.json")).toThrow(
      /"auth\.name" must be a header or cookie name HTTP can send/,
    );
  });

  it("asks for a base URL when the spec gives only a relative server", () => {
    const { review } = inferProviderConfig("acme", spec({ servers: [{ url: "/v2" }] }), {});
    expect(review.join("\n")).toContain('the spec names no absolute server URL (only "/v2")');
  });

  it("accepts only the documented --auth forms", () => {
    expect(parseAuthFlag("header:X-Key")).toEqual({ in: "header", name: "X-Key" });
    expect(parseAuthFlag("none")).toEqual({ in: "none" });
    expect(parseAuthFlag("bearer:x")).toBeUndefined();
    expect(parseAuthFlag("path:id")).toBeUndefined();
  });
});
