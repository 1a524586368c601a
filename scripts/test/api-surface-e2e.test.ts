import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeWorktree } from "../src/changeset/baseline.js";
import { type ChangesetApiOptions, runChangesetApi } from "../src/changeset/run-changeset-api.js";
import { repoRoot } from "../src/shared/repo-paths.js";
import { digestLine } from "../src/shared/sha256.js";

const run = promisify(execFile);

// End to end on a temporary copy of the repository (a git worktree of HEAD, so the baseline is a real
// revision): a provider.config.json change the spec cannot show, regenerated and rebuilt, gets a
// changeset from the API surface alone. Slow (two installs and builds): about two minutes.

let tree: string;
beforeAll(async () => {
  tree = join(await mkdtemp(join(tmpdir(), "specsdk-api-e2e-")), "repo");
  await run("git", ["worktree", "add", "--detach", "--quiet", tree, "HEAD"], { cwd: repoRoot });
  await run("pnpm", ["install", "--offline", "--frozen-lockfile"], { cwd: tree, env: { ...process.env, CI: "1" } });
}, 300_000);
afterAll(() => removeWorktree(repoRoot, tree), 60_000);

/** `changeset:api` on the copy, what it prints collected in `logged`. */
async function changesetApi(options: ChangesetApiOptions, logged: string[]): Promise<number> {
  const log = console.log;
  console.log = (line: string) => logged.push(line);
  try {
    return await runChangesetApi(options, tree);
  } finally {
    console.log = log;
  }
}

describe("changeset:api on a temporary copy", () => {
  it("modelslab's deleteImage no longer idempotent (provider.config.json) → a patch changeset naming it", async () => {
    const configPath = join(tree, "packages/modelslab/provider.config.json");
    const config = JSON.parse(await readFile(configPath, "utf8")) as Record<string, unknown>;
    expect(config.idempotentOperations).toEqual(["deleteImage"]);
    delete config.idempotentOperations;
    await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
    await run(process.execPath, ["--import", "tsx", "scripts/src/cli/generate.ts", "modelslab"], { cwd: tree });
    await run("pnpm", ["--filter", "@specsdk/modelslab...", "run", "build"], { cwd: tree });

    const logged: string[] = [];
    expect(await changesetApi({ packages: ["modelslab", "core"], base: "HEAD" }, logged)).toBe(0);
    expect(logged).toContain("packages/core: API surface and spec unchanged since revision `HEAD`");
    const written = (await readdir(join(tree, ".changeset"))).filter((name) => name.startsWith("modelslab-api-"));
    expect(written).toHaveLength(1);
    expect(await readFile(join(tree, ".changeset", written[0] as string), "utf8")).toBe(
      [
        "---",
        '"@specsdk/modelslab": patch',
        "---",
        "",
        "API surface, compared with revision `HEAD`:",
        "",
        "- `deleteImage()`: retried after a connection failure (idempotent) `true` → `false` (minor)",
        "",
      ].join("\n"),
    );

    // A second run finds the file and writes nothing new.
    expect(await changesetApi({ packages: ["modelslab"], base: "HEAD" }, logged)).toBe(0);
    expect(logged.at(-1)).toBe(`packages/modelslab: .changeset/${written[0]} already exists; not rewritten`);
  }, 600_000);

  it("an operationId renamed upstream: changeset:api keeps the old method as a deprecated alias, and proposes a minor", async () => {
    const oldId = "delete_user_image_api_v1_images__image_name___image_tag__delete";
    const specPath = join(tree, "specs/primeintellect.yaml");
    const spec = (await readFile(specPath, "utf8")).replace(`operationId: ${oldId}`, "operationId: remove_user_image");
    await writeFile(specPath, spec);
    await writeFile(`${specPath}.sha256`, digestLine(spec, "primeintellect.yaml"));
    await run(process.execPath, ["--import", "tsx", "scripts/src/cli/generate.ts", "primeintellect"], { cwd: tree });
    await run("pnpm", ["--filter", "@specsdk/primeintellect...", "run", "build"], { cwd: tree });

    const logged: string[] = [];
    expect(await changesetApi({ packages: ["primeintellect"], base: "HEAD" }, logged)).toBe(0);
    expect(logged).toContain(
      'packages/primeintellect: deleteUserImage() is now removeUserImage(); kept deleteUserImage() as a deprecated alias (packages/primeintellect/provider.config.json "deprecatedAliases")',
    );
    // Adopted into the config, so the next regeneration keeps it.
    const config = JSON.parse(await readFile(join(tree, "packages/primeintellect/provider.config.json"), "utf8"));
    expect(config.deprecatedAliases).toEqual({
      deleteUserImage: { operation: "DELETE /api/v1/images/{image_name}/{image_tag}", operationId: oldId },
    });
    await run(process.execPath, ["--import", "tsx", "scripts/src/cli/generate.ts", "--check"], { cwd: tree });

    // A minor change: released as a patch before 1.0, with no "Breaking" line.
    const written = (await readdir(join(tree, ".changeset"))).filter((name) => name.startsWith("primeintellect-spec-"));
    expect(written).toHaveLength(1);
    const changeset = await readFile(join(tree, ".changeset", written[0] as string), "utf8");
    expect(changeset.split("\n").slice(0, 3)).toEqual(["---", '"@specsdk/primeintellect": patch', "---"]);
    expect(changeset).not.toMatch(/Breaking|\(major\)/);
    expect(changeset).toContain(
      "- `deleteUserImage()` renamed to `removeUserImage()`; `deleteUserImage()` stays as a deprecated alias (minor)",
    );
    expect(logged.filter((line) => line.startsWith("  major"))).toEqual([]);

    // The emitted .d.ts marks it deprecated, typed as the new method.
    const dts = await readFile(join(tree, "packages/primeintellect/dist/client.d.ts"), "utf8");
    expect(dts).toMatch(
      /@deprecated Use removeUserImage\(\)\n\s+\*\/\n\s+deleteUserImage\(input: RemoveUserImageInput, options\?: CallOptions\): ApiPromise<RemoveUserImageResult>;/,
    );

    // A consumer still calling the old names compiles, and its editor shows each as deprecated.
    const consumer = join(tree, "scripts", "alias-consumer.ts");
    await writeFile(
      consumer,
      [
        'import { createPrimeIntellectClient, type DeleteUserImageInput, type operations } from "@specsdk/primeintellect";',
        'const client = createPrimeIntellectClient({ apiKey: "test" });',
        'const input: DeleteUserImageInput = { image_name: "ubuntu", image_tag: "22.04" };',
        "export const deleted = client.deleteUserImage(input);",
        `export type Old = operations["${oldId}"];`,
        "",
      ].join("\n"),
    );
    const { errors, deprecations } = typeCheck(consumer);
    expect(errors).toEqual([]);
    expect(deprecations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^6387 .*deleteUserImage/),
        expect.stringMatching(/^6385 'DeleteUserImageInput' is deprecated/),
        expect.stringMatching(new RegExp(`^6385 '${oldId}' is deprecated`)),
      ]),
    );

    // At runtime the alias is the new method itself.
    const { stdout } = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'import { createPrimeIntellectClient as c } from "@specsdk/primeintellect"; const x = c({ apiKey: "k" }); console.log(x.deleteUserImage === x.removeUserImage);',
      ],
      { cwd: join(tree, "scripts") },
    );
    expect(stdout.trim()).toBe("true");
  }, 900_000);
});

/** Type-checks one file as a consumer's editor would: its errors, and its deprecation suggestions (code and text). */
function typeCheck(file: string): { errors: string[]; deprecations: string[] } {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: [],
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => join(file, ".."),
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  const service = ts.createLanguageService(host);
  const text = (diagnostic: ts.Diagnostic) =>
    `${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, " ")}`;
  return {
    errors: [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)].map(text),
    deprecations: service
      .getSuggestionDiagnostics(file)
      .filter((diagnostic) => diagnostic.reportsDeprecated)
      .map(text),
  };
}
