import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../src/shared/repo-paths.js";
import { SpecError } from "../src/shared/spec-error.js";
import { HTTP_METHODS } from "../src/spec/openapi-types.js";
import {
  type DeprecatedAliasConfig,
  loadProviderConfig,
  type PaginationConfig,
  PROVIDER_CONFIG_SCHEMA,
  type ProviderConfig,
  parseProviderConfig,
  providerConfigAjv,
} from "../src/spec/provider-config.js";

const schema = JSON.parse(await readFile(PROVIDER_CONFIG_SCHEMA, "utf8"));
const FILE = "packages/fixture/provider.config.json";

type Cursor = Extract<PaginationConfig, { style: "cursor" }>;
type Offset = Extract<PaginationConfig, { style: "offset" }>;

// Typed `Required<…>`, so TypeScript demands every property of the interfaces and allows no other.
const auth: Required<ProviderConfig["auth"]> = { envVar: "FIXTURE_API_KEY", in: "header", name: "X-Api-Key" };
const cursor: Required<Cursor> = {
  style: "cursor",
  items: "data",
  cursorParam: "starting_after",
  nextCursor: { lastItemField: "id" },
  hasMore: "has_more",
};
const offset: Required<Offset> = { style: "offset", items: "data", offsetParam: "offset", limitParam: "limit" };
const everything: Required<ProviderConfig> = {
  $schema: "../../scripts/provider-config.schema.json",
  packageName: "@fixture/everything",
  displayName: "Everything",
  clientFactory: "createEverythingClient",
  description: "Every property the config can have.",
  auth,
  errorEnvelope: { field: "status", value: "error", messageFields: ["message"] },
  rateLimit: { requests: 10, perSeconds: 1 },
  idempotentOperations: ["deleteThing"],
  destructiveOperations: ["deleteThing"],
  pagination: { listA: cursor, listB: offset, listC: { style: "link", items: "data" } },
  deprecatedAliases: { removeThing: { operation: "DELETE /things/{id}", operationId: "remove_thing" } },
  keywords: ["fixture"],
  homepage: "https://example.com/docs",
  upstream: { url: "https://example.com/openapi.json", keep: ["POST /things"] },
};

function problems(config: unknown): string[] {
  try {
    parseProviderConfig(JSON.stringify(config, null, 2), FILE);
    return [];
  } catch (error) {
    return (error as Error).message.split("\n");
  }
}

describe("provider.config.json schema", () => {
  it("compiles with strict ajv, and documents every property", () => {
    expect(() => providerConfigAjv().compile(schema)).not.toThrow();
    const undocumented: string[] = [];
    const visit = (node: unknown, at: string) => {
      if (typeof node !== "object" || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        // An `if` only tests values; it declares nothing an editor would show.
        if (key === "if") continue;
        if (key === "properties") {
          for (const [name, property] of Object.entries(value as object)) {
            // `true` only declares a property again next to `required` (see the schema's `$comment`).
            if (property !== true && !(property as { description?: string }).description) {
              undocumented.push(`${at}/${name}`);
            }
          }
        }
        visit(value, `${at}/${key}`);
      }
    };
    visit(schema, "#");
    expect(undocumented).toEqual([]);
  });

  it("names the same properties as the TypeScript interfaces", () => {
    const names = (object: object) => Object.keys(object).sort();
    const defs = schema.$defs;
    expect(names(schema.properties)).toEqual(names(everything));
    expect(names(schema.properties.auth.properties)).toEqual(names(auth));
    expect(names(schema.properties.errorEnvelope.properties)).toEqual(names(everything.errorEnvelope));
    expect(names(schema.properties.rateLimit.properties)).toEqual(names(everything.rateLimit));
    expect(names(schema.properties.upstream.properties)).toEqual(names(everything.upstream));
    expect(names(defs.cursorPagination.properties)).toEqual(names(cursor));
    expect(names(defs.offsetPagination.properties)).toEqual(names(offset));
    expect(names(defs.cursorPagination.properties.nextCursor.properties)).toEqual(["field", "lastItemField"]);
    expect(names(schema.properties.deprecatedAliases.additionalProperties.properties)).toEqual(
      names(everything.deprecatedAliases.removeThing as Required<DeprecatedAliasConfig>),
    );
  });

  it("checks a deprecated alias's name (a key) and its operation, naming the key", () => {
    expect(
      problems({
        ...everything,
        deprecatedAliases: { "remove-thing": { operation: "DELETE /things" }, old: { operation: "delete /x" } },
      }),
    ).toEqual([
      expect.stringMatching(
        /:\d+:\d+: "deprecatedAliases\.remove-thing" must be a JavaScript identifier: the old method name/,
      ),
      expect.stringMatching(/:\d+:\d+: "deprecatedAliases\.old\.operation" must be "METHOD \/path" with an upper-case/),
    ]);
  });

  it("accepts a config with every optional property", () => {
    expect(problems(everything)).toEqual([]);
  });

  it('accepts auth { "in": "none" } without envVar, and requires envVar otherwise', () => {
    expect(problems({ ...everything, auth: { in: "none" } })).toEqual([]);
    expect(problems({ ...everything, auth: { in: "bearer" } })).toEqual([
      expect.stringMatching(/:\d+:\d+: "auth\.envVar" is required unless "auth\.in" is "none"/),
    ]);
  });

  it("requires auth.name where the key travels by name", () => {
    expect(problems({ ...everything, auth: { envVar: "KEY", in: "query" } })).toEqual([
      expect.stringMatching(/:\d+:\d+: "auth\.name" is required when "auth\.in" is "body", "header", "query" or/),
    ]);
  });

  it("accepts every HTTP method in upstream.keep, upper-case only", () => {
    for (const method of HTTP_METHODS) {
      expect(
        problems({ ...everything, upstream: { url: "https://e.com", keep: [`${method.toUpperCase()} /x`] } }),
      ).toEqual([]);
      expect(problems({ ...everything, upstream: { url: "https://e.com", keep: [`${method} /x`] } })).toHaveLength(1);
    }
  });

  it("validates the committed configs, each pointing its $schema at the schema", async () => {
    const packagesDir = join(repoRoot, "packages");
    let checked = 0;
    for (const name of await readdir(packagesDir)) {
      const path = join(packagesDir, name, "provider.config.json");
      const text = await readFile(path, "utf8").catch(() => undefined);
      if (text === undefined) continue;
      const config = await loadProviderConfig(path);
      expect(Object.keys(config)[0]).toBe("$schema");
      expect(resolve(dirname(path), config.$schema as string)).toBe(PROVIDER_CONFIG_SCHEMA);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});

describe("provider.config.json problems", () => {
  it("reports every problem at once, each with its line:col, path and what to write instead", () => {
    const text = `{
  "packageName": "@fixture/three",
  "displayName": "Three",
  "clientFactory": "createThreeClient",
  "description": "Three problems",
  "auth": { "envVar": "THREE_API_KEY", "in": "heder", "name": "X-Key" },
  "rateLimit": { "requests": 0, "perSeconds": 60 },
  "homePage": "https://example.com"
}
`;
    const failure = (() => {
      try {
        parseProviderConfig(text, FILE);
      } catch (error) {
        return error;
      }
    })() as SpecError;
    expect(failure).toBeInstanceOf(SpecError);
    expect([failure.line, failure.column]).toEqual([6, 46]);
    expect(failure.message.split("\n")).toEqual([
      `${FILE}:6:46: "auth.in" must be one of "body", "header", "query", "cookie", "bearer", "basic", "none"; did you mean "header"?`,
      `${FILE}:7:30: "rateLimit.requests" must be a positive number`,
      expect.stringMatching(
        /^packages\/fixture\/provider\.config\.json:8:3: "homePage" is not a known property; did you mean "homepage"\? \(allowed: "\$schema", "packageName", .*"upstream"\)$/,
      ),
    ]);
  });

  it("points a missing property at its object, and an unknown one at its key", () => {
    const text = `{
  "packageName": "@fixture/two",
  "displayName": "Two",
  "clientFactory": "createTwoClient",
  "description": "Two problems",
  "auth": { "in": "none" },
  "upstream": {
    "kep": ["POST /a"]
  }
}`;
    expect(() => parseProviderConfig(text, FILE)).toThrow(
      [
        `${FILE}:7:15: "upstream.url" is required: The OpenAPI document's https URL (JSON or YAML).`,
        `${FILE}:8:5: "upstream.kep" is not a known property; did you mean "keep"? (allowed: "url", "keep")`,
      ].join("\n"),
    );
  });

  it("reports a key given twice (JSON.parse would keep only the last)", () => {
    const text = `{
  "packageName": "@fixture/twice",
  "displayName": "Twice",
  "clientFactory": "createTwiceClient",
  "description": "A key twice",
  "auth": { "in": "none" },
  "displayName": "Twice again"
}`;
    expect(() => parseProviderConfig(text, FILE)).toThrow(
      `${FILE}:7:3: "displayName" appears twice in one object; keep one`,
    );
  });

  it("reports invalid JSON at its line:col", () => {
    expect(() => parseProviderConfig('{\n  "a": 1,\n}', FILE)).toThrow(new RegExp(`^${FILE}:3:1: invalid JSON: `));
  });
});
