import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/shared/repo-paths.js";

// `pnpm lint`'s import-direction check (scripts/.dependency-cruiser.cjs) on small trees that break
// one rule each: the real config and the real dependency-cruiser, the way `pnpm lint` runs them.

const depcruise = join(repoRoot, "node_modules/.bin/depcruise");
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * A scripts-like folder (`<temp>/scripts`) with the real config and `files` (path under it → source;
 * `../packages/…` lands beside it, as in the repo); returns its path.
 */
async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "specsdk-depcruise-"));
  dirs.push(root);
  const dir = join(root, "scripts");
  await mkdir(dir);
  await copyFile(join(repoRoot, "scripts/.dependency-cruiser.cjs"), join(dir, ".dependency-cruiser.cjs"));
  // The TypeScript compiler, for `import type`, is found from here as from scripts/.
  await symlink(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  for (const [path, source] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), source);
  }
  return dir;
}

function check(dir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(depcruise, ["src", "--config", ".dependency-cruiser.cjs"], { cwd: dir }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe("import direction (pnpm lint)", () => {
  it("passes a tree whose imports run downward", async () => {
    const dir = await tree({
      "src/cli/generate.ts": 'import { runGenerate } from "../generate/run-generate.js";\nrunGenerate();\n',
      "src/generate/run-generate.ts":
        'import { naming } from "../model/naming.js";\nexport const runGenerate = () => naming();\n',
      "src/model/naming.ts": 'import { sha256 } from "../shared/sha256.js";\nexport const naming = () => sha256;\n',
      "src/shared/sha256.ts": "export const sha256 = 1;\n",
    });
    expect(await check(dir)).toMatchObject({ code: 0 });
  });

  describe("a tree that breaks each rule once", () => {
    let result: { code: number; output: string };
    beforeAll(async () => {
      // One tree, one run: dependency-cruiser takes seconds to start.
      const dir = await tree({
        // upward: model/ is below generate/
        "src/model/naming.ts": 'import { ts } from "../generate/emit/code.js";\nexport const naming = ts;\n',
        "src/generate/emit/code.ts": "export const ts = 1;\n",
        // sideways: one command importing another
        "src/sync/run-sync.ts": 'import { runGenerate } from "../generate/run-generate.js";\nrunGenerate();\n',
        "src/generate/run-generate.ts": "export const runGenerate = () => 1;\n",
        // a cycle inside one folder, through type-only imports
        "src/model/provider-model.ts":
          'import type { Placement } from "./credential-schemes.js";\nexport type Model = { placement: Placement };\n',
        "src/model/credential-schemes.ts":
          'import type { Model } from "./provider-model.js";\nexport type Placement = { model?: Model };\n',
        // a folder the config does not list
        "src/misc/helper.ts": 'import { sha256 } from "../shared/sha256.js";\nexport const helper = sha256;\n',
        "src/shared/sha256.ts": "export const sha256 = 1;\n",
        // the runtime's source read from outside shared/runtime-vocabulary.ts
        "src/model/media.ts":
          'import { isJsonMediaType } from "../../../packages/core/src/vocabulary.js";\nexport const media = isJsonMediaType;\n',
        "src/shared/runtime-vocabulary.ts":
          'export { isJsonMediaType } from "../../../packages/core/src/vocabulary.js";\n',
        "../packages/core/src/vocabulary.ts": "export const isJsonMediaType = () => true;\n",
      });
      result = await check(dir);
    });

    it("fails", () => {
      expect(result.code).not.toBe(0);
    });

    it("names both files of an upward import", () => {
      expect(result.output).toContain("error folder-model: src/model/naming.ts → src/generate/emit/code.ts");
    });

    it("names both files of a sideways import between two commands", () => {
      expect(result.output).toContain("error folder-sync: src/sync/run-sync.ts → src/generate/run-generate.ts");
    });

    it("names the files of a cycle, type-only imports included", () => {
      const cycle = result.output.slice(result.output.indexOf("error no-circular"));
      expect(cycle).toMatch(/^error no-circular: src\/model\/(provider-model|credential-schemes)\.ts → /);
      expect(cycle).toContain("src/model/provider-model.ts");
      expect(cycle).toContain("src/model/credential-schemes.ts");
    });

    it("names a file in a folder the config does not list", () => {
      expect(result.output).toContain("error folder-not-listed: src/misc/helper.ts → src/shared/sha256.ts");
    });

    it("names a file that reads the runtime's source other than through shared/runtime-vocabulary.ts", () => {
      expect(result.output).toContain(
        "error runtime-source-through-vocabulary: src/model/media.ts → ../packages/core/src/vocabulary.ts",
      );
      expect(result.output).not.toContain("src/shared/runtime-vocabulary.ts → ../packages");
    });
  });
});
