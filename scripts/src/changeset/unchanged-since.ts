/**
 * Whether a package can have changed since a git revision, asked of git before anything is built:
 * building the revision in a worktree is most of what `changeset:check` costs (35–45 s), and on most
 * commits nothing a published package is built from changed.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { WorkspacePackage } from "./baseline.js";

const run = promisify(execFile);

/**
 * What a package's API surface is built from: its folder, the folders of the workspace packages it
 * depends on (a provider re-exports @specsdk/core's types), its spec, and the lockfile (the versions
 * of the libraries its types name).
 */
export async function packageInputs(
  root: string,
  pkg: WorkspacePackage,
  workspace: readonly WorkspacePackage[],
): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(root, "packages", pkg.dir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const ranges = { ...manifest.dependencies, ...manifest.peerDependencies };
  const local = workspace.filter((other) => ranges[other.name]?.startsWith("workspace:"));
  return [
    `packages/${pkg.dir}`,
    ...local.map((other) => `packages/${other.dir}`),
    `specs/${pkg.dir}.yaml`,
    "pnpm-lock.yaml",
  ];
}

/**
 * True when no tracked file under `paths` differs between `rev` and the working tree, and no
 * untracked (not ignored) file was added there: the package is what it was at `rev`.
 */
export async function unchangedSince(root: string, rev: string, paths: readonly string[]): Promise<boolean> {
  try {
    await run("git", ["diff", "--quiet", rev, "--", ...paths], { cwd: root });
  } catch (error) {
    if ((error as { code?: number }).code === 1) return false;
    throw error;
  }
  const { stdout } = await run("git", ["ls-files", "--others", "--exclude-standard", "--", ...paths], {
    cwd: root,
    encoding: "utf8",
  });
  return stdout.trim() === "";
}
