import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { diffSpecs } from "../src/api-diff/spec-diff.js";
import { withDeprecatedAliases } from "../src/changeset/adopt-aliases.js";
import { runGenerate } from "../src/generate/run-generate.js";
import { resolveDeprecatedAliases } from "../src/model/deprecated-aliases.js";
import { digestLine } from "../src/shared/sha256.js";
import { parseSpecText } from "../src/spec/load-spec.js";
import { type ProviderConfig, parseProviderConfig } from "../src/spec/provider-config.js";
import { baseParts, type Fixtures, fixtures, providerDts } from "./api-surface-fixture.js";
import { tempRepo } from "./temp-repo.js";

const config = (deprecatedAliases: ProviderConfig["deprecatedAliases"]): ProviderConfig => ({
  packageName: "@specsdk/example",
  displayName: "Example",
  clientFactory: "createExampleClient",
  description: "d",
  auth: { in: "none" },
  deprecatedAliases,
});
const operations = [
  { name: "removeImage", method: "delete", path: "/images/{id}", operationId: "remove_image" },
  { name: "listImages", method: "get", path: "/images", operationId: "list_images" },
];
const problem = (aliases: ProviderConfig["deprecatedAliases"]) => {
  try {
    resolveDeprecatedAliases(config(aliases), operations, "specs/example.yaml");
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe("deprecatedAliases in provider.config.json", () => {
  it("resolves each alias to its operation by METHOD /path, sorted by name", () => {
    const resolved = resolveDeprecatedAliases(
      config({
        deleteImage: { operation: "DELETE /images/{id}", operationId: "delete_image" },
        dropImage: { operation: "DELETE /images/{id}" },
      }),
      operations,
      "specs/example.yaml",
    );
    expect(resolved.map((alias) => [alias.name, alias.operation.name, alias.operationId])).toEqual([
      ["deleteImage", "removeImage", "delete_image"],
      ["dropImage", "removeImage", undefined],
    ]);
  });

  it("names the problem: unknown operation, a clash with a method or its types, a reserved name, an operationId in use", () => {
    expect(problem({ deleteImage: { operation: "POST /images" } })).toBe(
      `specs/example.yaml: provider config's deprecated alias "deleteImage" calls POST /images, which the spec does not have; point "operation" at its new "METHOD /path", or remove the alias (a breaking change)`,
    );
    expect(problem({ listImages: { operation: "DELETE /images/{id}" } })).toBe(
      `specs/example.yaml: provider config's deprecated alias "listImages" clashes with listImages() (GET /images), a method the spec names now; remove the alias (a breaking change)`,
    );
    // `ListImages` would declare `ListImagesInput` a second time.
    expect(problem({ ListImages: { operation: "DELETE /images/{id}" } })).toMatch(
      /"ListImages" clashes with listImages\(\)/,
    );
    expect(problem({ removeImage: { operation: "DELETE /images/{id}" } })).toBe(
      `specs/example.yaml: provider config's deprecated alias "removeImage" is the current name of DELETE /images/{id} again; remove the alias`,
    );
    for (const reserved of ["then", "use", "GET", "constructor", "delete"]) {
      expect(problem({ [reserved]: { operation: "DELETE /images/{id}" } })).toBe(
        `specs/example.yaml: provider config's deprecated alias "${reserved}" is a name no method may take (a client member, an Object property or a reserved word); remove it`,
      );
    }
    expect(problem({ deleteImage: { operation: "DELETE /images/{id}", operationId: "list_images" } })).toBe(
      `specs/example.yaml: provider config's deprecated alias "deleteImage" keeps operationId "list_images", which GET /images has now; remove its "operationId"`,
    );
    expect(
      problem({ deleteImage: { operation: "DELETE /images/{id}" }, DeleteImage: { operation: "DELETE /images/{id}" } }),
    ).toMatch(/"DeleteImage" and "deleteImage" would both declare DeleteImageInput; keep one/);
  });

  it("changeset:api writes an alias into the config text, keeping the rest of the file as it was", () => {
    const text = `{
  "$schema": "../../scripts/provider-config.schema.json",
  "packageName": "@specsdk/example",
  "displayName": "Example",
  "clientFactory": "createExampleClient",
  "description": "d",
  "auth": { "in": "none" },
  "keywords": ["example"]
}
`;
    const once = withDeprecatedAliases(text, { deleteImage: { operation: "DELETE /images/{id}" } });
    expect(once).toBe(
      text.replace(
        '  "keywords"',
        '  "deprecatedAliases": {\n    "deleteImage": {\n      "operation": "DELETE /images/{id}"\n    }\n  },\n  "keywords"',
      ),
    );
    const twice = withDeprecatedAliases(once, {
      deleteImage: { operation: "DELETE /images/{id}" },
      dropImage: { operation: "DELETE /images/{id}", operationId: "drop_image" },
    });
    expect(parseProviderConfig(twice, "provider.config.json").deprecatedAliases).toEqual({
      deleteImage: { operation: "DELETE /images/{id}" },
      dropImage: { operation: "DELETE /images/{id}", operationId: "drop_image" },
    });
    expect(twice.split("\n").filter((line) => line.includes("deprecatedAliases"))).toHaveLength(1);
    // Without keywords/homepage/upstream, the member goes last.
    const last = withDeprecatedAliases('{\n  "a": 1\n}\n', { old: { operation: "GET /x" } });
    expect(JSON.parse(last)).toEqual({ a: 1, deprecatedAliases: { old: { operation: "GET /x" } } });
  });
});

describe("a renamed operationId with its alias in the config", () => {
  let repo: Awaited<ReturnType<typeof tempRepo>>;
  const OLD_ID = "delete_user_image_api_v1_images__image_name___image_tag__delete";
  const ENDPOINT = "DELETE /api/v1/images/{image_name}/{image_tag}";
  beforeEach(async () => {
    repo = await tempRepo();
    vi.spyOn(console, "log").mockImplementation(() => {});
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await repo.dispose();
  });

  it("is generated as the same method under its old name, deprecated, with its types and operations key", async () => {
    const specPath = join(repo.root, "specs/primeintellect.yaml");
    const before = await readFile(specPath, "utf8");
    const after = before.replace(`operationId: ${OLD_ID}`, "operationId: remove_image");
    await writeFile(specPath, after);
    await writeFile(`${specPath}.sha256`, digestLine(after, "primeintellect.yaml"));
    const configPath = join(repo.root, "packages/primeintellect/provider.config.json");
    const configText = withDeprecatedAliases(await readFile(configPath, "utf8"), {
      deleteUserImage: { operation: ENDPOINT, operationId: OLD_ID },
    });
    await writeFile(configPath, configText);
    expect(await runGenerate({ providers: ["primeintellect"] }, repo.root)).toBe(0);

    const generated = join(repo.root, "packages/primeintellect/src/generated");
    const client = await readFile(join(generated, "client.ts"), "utf8");
    expect(client).toContain(
      [
        "  /**",
        "   * The old name of `removeImage()` (`DELETE /api/v1/images/{image_name}/{image_tag}`): the same method.",
        "   *",
        "   * @deprecated Use removeImage()",
        "   */",
        "  deleteUserImage(input: RemoveImageInput, options?: CallOptions): ApiPromise<RemoveImageResult>;",
      ].join("\n"),
    );
    expect(client).toContain(
      "/** @deprecated Use RemoveImageInput (`deleteUserImage()` is now `removeImage()`). */\nexport type DeleteUserImageInput = RemoveImageInput;",
    );
    expect(client).toContain(
      [
        "  const client = createProviderClient<paths, PrimeIntellectNamedMethods>(provider, options);",
        "  // Deprecated aliases (provider.config.json): the same functions under their old names.",
        "  client.deleteUserImage = client.removeImage;",
        "  return client;",
      ].join("\n"),
    );
    const index = await readFile(join(generated, "index.ts"), "utf8");
    expect(index).toContain("export interface operations extends specOperations {");
    expect(index).toContain(`  ${OLD_ID}: paths["/api/v1/images/{image_name}/{image_tag}"]["delete"];`);
    // The operation table (what the runtime and the contract tests read) has the operation once.
    const provider = await readFile(join(generated, "provider.ts"), "utf8");
    expect(provider).not.toContain("deleteUserImage");

    // The spec diff, with the alias in the config, calls the rename an addition.
    const changes = diffSpecs({
      name: "primeintellect",
      specFile: "primeintellect.yaml",
      before: parseSpecText(before, "before.yaml"),
      after: parseSpecText(after, "after.yaml"),
      config: parseProviderConfig(configText, "provider.config.json"),
    });
    expect(changes).toEqual([
      {
        bump: "minor",
        text: "`deleteUserImage` renamed to `removeImage`; `deleteUserImage` (and its `Input`/`Result` types) stays as a deprecated alias",
      },
      {
        bump: "minor",
        text: `\`removeImage\`: new type \`operations["remove_image"]\` (operationId changed); \`operations["${OLD_ID}"]\` stays as a deprecated alias`,
      },
    ]);
    // Without it, both are breaking, as before.
    const { deprecatedAliases: _aliases, ...without } = parseProviderConfig(configText, "provider.config.json");
    expect(
      diffSpecs({
        name: "primeintellect",
        specFile: "primeintellect.yaml",
        before: parseSpecText(before, "before.yaml"),
        after: parseSpecText(after, "after.yaml"),
        config: without,
      }).map((change) => change.bump),
    ).toEqual(["major", "major"]);
  });
});

describe("the API-surface diff of a deprecated alias", () => {
  let fx: Fixtures;
  beforeAll(async () => {
    fx = await fixtures();
  });
  afterAll(() => fx.dispose());

  const row = `readonly method: "post"; readonly path: "/delete_image"; ${baseParts.row}`;
  /** After the rename: the table row is `removeImage`; `deleteImage` its deprecated alias, or gone. */
  const renamed = (alias: boolean) => `
export interface ApiPromise<T> extends Promise<T> { withResponse(): Promise<{ data: T; response: Response }> }
export interface CallOptions { signal?: AbortSignal; timeout?: number }
export type RemoveImageInput = { ${baseParts.input} };
export type RemoveImageResult = { ${baseParts.result} };
${alias ? "/** @deprecated Use RemoveImageInput */\nexport type DeleteImageInput = RemoveImageInput;" : ""}
${alias ? "/** @deprecated Use RemoveImageResult */\nexport type DeleteImageResult = RemoveImageResult;" : ""}
export interface ExampleNamedMethods {
  /** ${baseParts.doc} */
  removeImage(input: RemoveImageInput, options?: CallOptions): ApiPromise<RemoveImageResult>;
  ${alias ? "/**\n   * The old name.\n   *\n   * @deprecated Use removeImage()\n   */\n  deleteImage(input: RemoveImageInput, options?: CallOptions): ApiPromise<RemoveImageResult>;" : ""}
}
export declare function createExampleClient(options?: { apiKey?: string }): ExampleNamedMethods;
export declare const provider: {
  ${baseParts.table}
  readonly operations: { readonly removeImage: { ${row} } };
};
${baseParts.extra}
`;

  it("a rename kept as an alias is minor: the new method, the old one deprecated", async () => {
    const before = await fx.write("example", providerDts(baseParts));
    const after = await fx.write("example", renamed(true));
    expect(fx.diff(before, after)).toEqual([
      { bump: "minor", text: "`DeleteImageInput`: deprecated" },
      { bump: "minor", text: "`DeleteImageResult`: deprecated" },
      { bump: "minor", text: "new export `RemoveImageInput` (type)" },
      { bump: "minor", text: "new export `RemoveImageResult` (type)" },
      {
        bump: "minor",
        text: "`deleteImage()` renamed to `removeImage()`; `deleteImage()` stays as a deprecated alias",
      },
      { bump: "minor", text: "new method `removeImage()`" },
    ]);
    // Without the alias, the same rename breaks callers.
    const broken = fx.diff(before, await fx.write("example", renamed(false)));
    expect(broken.filter((change) => change.bump === "major").map((change) => change.text)).toEqual([
      "removed export `DeleteImageInput` (type)",
      "removed export `DeleteImageResult` (type)",
      "removed method `deleteImage()`",
    ]);
  });

  it("dropping the alias is major, in one line saying so (its deprecated types with it)", async () => {
    const before = await fx.write("example", renamed(true));
    const after = await fx.write("example", renamed(false));
    expect(fx.diff(before, after)).toEqual([
      { bump: "major", text: "Removed deprecated alias `deleteImage()` (use `removeImage()`)" },
    ]);
  });
});
