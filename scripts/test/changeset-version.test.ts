import { execFile } from "node:child_process";
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parse, stringify } from "yaml";
import { firstReleaseChangeset, firstReleaseFileName } from "../src/changeset/first-release.js";
import { runSpecChangeset } from "../src/changeset/run-spec-changeset.js";
import { runGenerate } from "../src/generate/run-generate.js";
import { repoRoot } from "../src/shared/repo-paths.js";
import { digestLine } from "../src/shared/sha256.js";
import { initGitRepo } from "./git-repo.js";
import { tempRepo } from "./temp-repo.js";

/**
 * The release path end to end on a temporary copy of the repository: a spec change → `specs:changeset`
 * → the real `changeset version` → versions and CHANGELOGs, then `generate --check` still passes
 * (the generator keeps the version changesets wrote).
 */

const run = promisify(execFile);
const CHANGESET_BIN = join(repoRoot, "node_modules", ".bin", "changeset");

let repo: Awaited<ReturnType<typeof tempRepo>>;
beforeEach(async () => {
  repo = await tempRepo();
  // What `changeset version` reads: the workspace, its config, and every workspace package's manifest
  // (the ignored private ones too, or the config is rejected).
  for (const file of [
    "package.json",
    "pnpm-workspace.yaml",
    ".changeset/config.json",
    "scripts/src/changeset/changelog.cjs",
    "packages/core/package.json",
    "packages/testing/package.json",
    "scripts/package.json",
  ]) {
    await mkdir(join(repo.root, file, ".."), { recursive: true });
    await copyFile(join(repoRoot, file), join(repo.root, file));
  }
  // The changelog module is ours (scripts/src/changeset/changelog.cjs); changesets itself is resolved from the repository.
  await symlink(join(repoRoot, "node_modules"), join(repo.root, "node_modules"), "dir");
  await writeFile(join(repo.root, ".gitignore"), "node_modules\n");
  await initGitRepo(repo.root);
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(async () => {
  vi.restoreAllMocks();
  await repo.dispose();
});

async function vendorChanged(provider: string, mutate: (spec: any) => void) {
  const path = join(repo.root, "specs", `${provider}.yaml`);
  const spec = parse(await readFile(path, "utf8"));
  mutate(spec);
  const text = stringify(spec);
  await writeFile(path, text);
  await writeFile(`${path}.sha256`, digestLine(text, `${provider}.yaml`));
}

async function manifest(name: string): Promise<{ version: string; dependencies?: Record<string, string> }> {
  return JSON.parse(await readFile(join(repo.root, "packages", name, "package.json"), "utf8"));
}

async function changelog(name: string): Promise<string | undefined> {
  return readFile(join(repo.root, "packages", name, "CHANGELOG.md"), "utf8").catch(() => undefined);
}

function bumped(version: string, bump: "major" | "minor" | "patch"): string {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

async function changesetVersion(): Promise<void> {
  await run(CHANGESET_BIN, ["version"], { cwd: repo.root });
}

describe("changeset version after specs:changeset", () => {
  it("bumps the provider with a CHANGELOG entry; a core minor bump releases every dependent", async () => {
    const before = {
      core: (await manifest("core")).version,
      modelslab: (await manifest("modelslab")).version,
      primeintellect: (await manifest("primeintellect")).version,
    };
    await vendorChanged("modelslab", (spec) => {
      spec.components.schemas.DeleteImageRequest.properties.force = { type: "boolean" };
    });
    expect(await runGenerate({ providers: ["modelslab"] }, repo.root)).toBe(0);
    expect(await runSpecChangeset({}, repo.root)).toBe(0);
    // A hand-written core changeset, as a runtime change would have.
    await writeFile(join(repo.root, ".changeset/core-feature.md"), '---\n"@specsdk/core": minor\n---\n\nA feature.\n');

    await changesetVersion();

    expect((await manifest("core")).version).toBe(bumped(before.core, "minor"));
    const modelslab = await manifest("modelslab");
    // Its spec gained an optional field: before 1.0 that is a patch.
    expect(modelslab.version).toBe(bumped(before.modelslab, "patch"));
    expect(modelslab.dependencies?.["@specsdk/core"]).toBe("workspace:^");
    const modelslabLog = await changelog("modelslab");
    expect(modelslabLog).toContain(`## ${modelslab.version}\n\n### Patch Changes\n\n`);
    expect(modelslabLog).toContain(
      "- Regenerated from `specs/modelslab.yaml` (ModelsLab General API 6.0.0).\n\n  - `deleteImage`: new optional body field `force`",
    );
    // The core update is one line with a link to its entry, not "Updated dependencies" and a list.
    const core = bumped(before.core, "minor");
    const runtimeLine = `- Runtime updated to [@specsdk/core ${core}](https://github.com/specsdk/specsdk/blob/main/packages/core/CHANGELOG.md#${core.replaceAll(".", "")})`;
    expect(modelslabLog).toContain(runtimeLine);
    expect(modelslabLog).not.toContain("Updated dependencies");

    // primeintellect's spec did not change, but a 0.x minor of core leaves its `^` range: a patch
    // release that only updates the dependency (updateInternalDependencies: "patch").
    const primeintellect = await manifest("primeintellect");
    expect(primeintellect.version).toBe(bumped(before.primeintellect, "patch"));
    expect(primeintellect.dependencies?.["@specsdk/core"]).toBe("workspace:^");
    expect(await changelog("primeintellect")).toBe(
      `# @specsdk/primeintellect\n\n## ${primeintellect.version}\n\n### Patch Changes\n\n${runtimeLine}\n`,
    );
    expect(await changelog("core")).toContain(`## ${core}\n\n### Minor Changes\n\n- A feature.\n`);

    // Changesets are consumed, and regenerating keeps the versions changesets wrote.
    expect((await readdir(join(repo.root, ".changeset"))).sort()).toEqual(["config.json"]);
    expect(await runGenerate({ check: true }, repo.root)).toBe(0);
  });

  it("a core patch inside the dependents' range releases only packages that changed, listing the update", async () => {
    const before = {
      core: (await manifest("core")).version,
      modelslab: (await manifest("modelslab")).version,
      primeintellect: (await manifest("primeintellect")).version,
    };
    await vendorChanged("primeintellect", (spec) => {
      spec.paths["/api/v1/images/{image_name}/{image_tag}"].delete.description = "Deletes an image.";
    });
    expect(await runGenerate({ providers: ["primeintellect"] }, repo.root)).toBe(0);
    expect(await runSpecChangeset({}, repo.root)).toBe(0);
    await writeFile(join(repo.root, ".changeset/core-fix.md"), '---\n"@specsdk/core": patch\n---\n\nA fix.\n');

    await changesetVersion();

    expect((await manifest("core")).version).toBe(bumped(before.core, "patch"));
    const primeintellect = await manifest("primeintellect");
    expect(primeintellect.version).toBe(bumped(before.primeintellect, "patch"));
    const log = await changelog("primeintellect");
    expect(log).toContain("- `deleteUserImage`: documentation changed (description)");
    const core = bumped(before.core, "patch");
    expect(log).toContain(
      `- Runtime updated to [@specsdk/core ${core}](https://github.com/specsdk/specsdk/blob/main/packages/core/CHANGELOG.md#${core.replaceAll(".", "")})`,
    );
    // modelslab's `workspace:^` range (published as ^<core version>) already admits the patch.
    expect((await manifest("modelslab")).version).toBe(before.modelslab);
    expect(await changelog("modelslab")).toBeUndefined();
    expect(await runGenerate({ check: true }, repo.root)).toBe(0);
  });

  it("a new provider's first release: the changeset providers:add writes releases 0.1.0, saying what the package is", async () => {
    // As providers:add leaves it: generated at 0.0.0, with its first changeset.
    const path = join(repo.root, "packages/modelslab/package.json");
    await writeFile(path, (await readFile(path, "utf8")).replace(/"version": "[^"]+"/, '"version": "0.0.0"'));
    const spec = parse(await readFile(join(repo.root, "specs/modelslab.yaml"), "utf8"));
    await writeFile(
      join(repo.root, ".changeset", firstReleaseFileName("modelslab")),
      firstReleaseChangeset("@specsdk/modelslab", spec.info.title, spec.info.version),
    );

    await changesetVersion();

    expect((await manifest("modelslab")).version).toBe("0.1.0");
    expect(await changelog("modelslab")).toBe(
      [
        "# @specsdk/modelslab",
        "",
        "## 0.1.0",
        "",
        "### Minor Changes",
        "",
        "- First release: typed client for ModelsLab General API, generated from its OpenAPI spec (version 6.0.0).",
        "",
      ].join("\n"),
    );
    expect(await runGenerate({ check: true }, repo.root)).toBe(0);
  });
});
