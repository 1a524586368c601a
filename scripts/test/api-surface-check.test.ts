import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pendingBumps, runChangesetCheck, uncoveredChanges } from "../src/changeset/check-changeset.js";
import type { PackageApiChange } from "../src/changeset/run-changeset-api.js";
import { packageInputs, unchangedSince } from "../src/changeset/unchanged-since.js";
import { commitAll, git, initGitRepo } from "./git-repo.js";

// The CI gate's decision, both ways: a surface change with no changeset (or one at a lower bump) fails
// with the package and the command to run; a covering changeset, or no change, passes.

const changed: PackageApiChange = {
  pkg: { name: "@specsdk/modelslab", dir: "modelslab", version: "0.1.0" },
  bump: "minor",
  releasedAs: "patch",
  apiChanges: [
    { bump: "minor", text: "`deleteImage()`: retried after a connection failure (idempotent) `true` → `false`" },
  ],
  baseline: "revision `origin/main`",
};
const breaking: PackageApiChange = {
  ...changed,
  bump: "major",
  releasedAs: "minor",
  apiChanges: [{ bump: "major", text: "removed method `deleteImage()`" }],
};
const unchanged: PackageApiChange = { pkg: changed.pkg, apiChanges: [], baseline: changed.baseline };

const changeset = (front: string) => ({ name: "x.md", text: `---\n${front}\n---\n\nSomething.\n` });

describe("changeset:check", () => {
  it("reads each package's highest pending bump from the changesets' front matter", () => {
    const bumps = pendingBumps([
      changeset('"@specsdk/modelslab": patch\n"@specsdk/core": minor'),
      changeset("'@specsdk/modelslab': minor"),
      { name: "notes.md", text: "no front matter" },
    ]);
    expect(Object.fromEntries(bumps)).toEqual({ "@specsdk/modelslab": "minor", "@specsdk/core": "minor" });
  });

  it("fails a change without a changeset, naming the package, the change and the command", () => {
    expect(uncoveredChanges([changed], new Map(), "origin/main")).toEqual([
      "@specsdk/modelslab: changed since origin/main (needs a patch release: `deleteImage()`: retried after a connection failure (idempotent) `true` → `false`) but .changeset/ has no changeset for it; run `pnpm changeset:api modelslab --base origin/main` (or `pnpm changeset`) and commit the file",
    ]);
  });

  it("fails a breaking change whose changeset is only a patch", () => {
    const [problem] = uncoveredChanges([breaking], pendingBumps([changeset('"@specsdk/modelslab": patch')]), "main");
    expect(problem).toMatch(/^@specsdk\/modelslab: changed since main \(needs a minor release: removed method/);
    expect(problem).toContain("has a patch changeset for it");
  });

  it("passes a change covered at its bump or higher, and a package that did not change", () => {
    expect(uncoveredChanges([changed], pendingBumps([changeset('"@specsdk/modelslab": patch')]), "main")).toEqual([]);
    expect(uncoveredChanges([breaking], pendingBumps([changeset('"@specsdk/modelslab": minor')]), "main")).toEqual([]);
    expect(uncoveredChanges([unchanged], new Map(), "main")).toEqual([]);
  });

  it("does not count another package's changeset", () => {
    expect(uncoveredChanges([changed], pendingBumps([changeset('"@specsdk/core": minor')]), "main")).toHaveLength(1);
  });
});

describe("changeset:check's shortcut: nothing a package is built from changed since the base", () => {
  let root: string;
  const core = { name: "@specsdk/core", dir: "core", version: "0.1.0" };
  const acme = { name: "@specsdk/acme", dir: "acme", version: "0.1.0" };
  const write = async (path: string, text: string) => {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), text);
  };
  const manifest = (name: string, dependencies: Record<string, string> = {}) =>
    JSON.stringify({ name, version: "0.1.0", types: "./dist/index.d.ts", dependencies });
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "specsdk-check-"));
    await write("packages/core/package.json", manifest(core.name));
    await write("packages/core/src/index.ts", "export const a = 1;\n");
    await write("packages/core/dist/index.d.ts", "export declare const a = 1;\n");
    await write("packages/acme/package.json", manifest(acme.name, { "@specsdk/core": "workspace:^" }));
    await write("packages/acme/dist/index.d.ts", "export declare const b = 1;\n");
    await write("specs/.gitkeep", "");
    await write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
    await write(".gitignore", "dist\n");
    await initGitRepo(root);
    vi.spyOn(console, "log").mockImplementation(() => {});
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it("a package is unchanged until its folder, a workspace dependency's, its spec or the lockfile changes", async () => {
    const inputs = await packageInputs(root, acme, [core, acme]);
    expect(inputs).toEqual(["packages/acme", "packages/core", "specs/acme.yaml", "pnpm-lock.yaml"]);
    expect(await unchangedSince(root, "HEAD", inputs)).toBe(true);
    // Ignored build output does not count.
    await write("packages/acme/dist/extra.d.ts", "export {};\n");
    expect(await unchangedSince(root, "HEAD", inputs)).toBe(true);
    // A change to core (uncommitted) changes acme, which re-exports its types; committed, it is the new base.
    await write("packages/core/src/index.ts", "export const a = 2;\n");
    expect(await unchangedSince(root, "HEAD", inputs)).toBe(false);
    await commitAll(root, "core changed");
    expect(await unchangedSince(root, "HEAD", inputs)).toBe(true);
    expect(await unchangedSince(root, "HEAD~1", inputs)).toBe(false);
    // A new file nobody committed yet.
    await write("packages/acme/src/new.ts", "export {};\n");
    expect(await unchangedSince(root, "HEAD", inputs)).toBe(false);
    expect(await unchangedSince(root, "HEAD", await packageInputs(root, core, [core, acme]))).toBe(true);
  });

  it("with nothing changed since the base, the check passes without building the base", async () => {
    const started = performance.now();
    expect(await runChangesetCheck({ base: "HEAD" }, root)).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(vi.mocked(console.log).mock.calls.flat()).toEqual([
      "changeset:check: every API change since HEAD has a changeset",
    ]);
    // No worktree was made.
    expect((await git(root, "worktree", "list")).trim().split("\n")).toHaveLength(1);
  });
});
