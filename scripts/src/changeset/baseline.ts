/**
 * The last released version of a package, built, to extract its API surface from: the version in the
 * npm registry when there is one, else the package's last git tag (`@specsdk/x@0.1.0`, as
 * `changeset publish` tags), else a base revision (`--base`, default `origin/main` when it exists,
 * else `HEAD`). A git revision is built in a temporary worktree with the repository's own install
 * (`pnpm install --offline --frozen-lockfile`, then `pnpm --filter <package>... run build`): about
 * 35 s on a 2-core machine for both providers and core (0.3 s worktree, 6.5 s install, 28 s build).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { isCommit } from "../shared/git-revision.js";

const run = promisify(execFile);

export interface WorkspacePackage {
  /** `@specsdk/modelslab` */
  name: string;
  /** `modelslab`: its folder in packages/ */
  dir: string;
  version: string;
}

/** Where a package's baseline comes from, and the git revision its spec is compared at. */
export type BaselineSource =
  | { kind: "registry"; version: string; packageDir: string; specRev: string }
  | { kind: "git"; rev: string; why: "tag" | "base"; specRev: string };

export interface BaselineOptions {
  root: string;
  /** An explicit base revision: skips the registry and tags. */
  base?: string;
  /** Ask the npm registry for the released version (default true; tests turn it off). */
  registry?: boolean;
  log?: (line: string) => void;
}

async function git(root: string, ...args: string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd: root, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

/** `origin/main` when the repository has it, else `HEAD`. */
export async function defaultBase(root: string): Promise<string> {
  return (await isCommit(root, "origin/main")) ? "origin/main" : "HEAD";
}

/** The newest git tag of a package (`<name>@<version>`), by version order; undefined when none. */
export async function lastTag(root: string, name: string): Promise<string | undefined> {
  const tags = await git(root, "tag", "--list", `${name}@*`, "--sort=-v:refname");
  return tags.split("\n").find(Boolean);
}

/**
 * `npm pack <name>@<version>` into `into`, unpacked; undefined when the registry does not have it
 * (or cannot be reached: the next baseline is used, and the reason is logged).
 */
export async function packFromRegistry(
  pkg: WorkspacePackage,
  into: string,
  log: (line: string) => void,
): Promise<string | undefined> {
  const spec = `${pkg.name}@${pkg.version}`;
  try {
    await mkdir(into, { recursive: true });
    const { stdout } = await run("npm", ["pack", spec, "--pack-destination", into, "--json", "--silent"], {
      cwd: into,
      encoding: "utf8",
      timeout: 60_000,
    });
    const [packed] = JSON.parse(stdout) as { filename: string }[];
    if (!packed) return undefined;
    await run("tar", ["-xzf", join(into, packed.filename), "-C", into]);
    return join(into, "package");
  } catch (error) {
    // With --json, npm writes its error (`"code": "E404"`) to stdout.
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    const text = `${stdout}\n${stderr}\n${(error as Error).message}`;
    const reason = /E404|404 Not Found|No match found/.test(text)
      ? "not in the registry"
      : (text.split("\n").find((line) => line.trim()) ?? "npm pack failed");
    log(`${spec}: ${reason}; using the next baseline`);
    return undefined;
  }
}

/** Which baseline each package is compared with (the registry is asked first unless `base` is given). */
export async function chooseBaseline(
  pkg: WorkspacePackage,
  options: BaselineOptions,
  scratch: string,
): Promise<BaselineSource> {
  const log = options.log ?? console.log;
  if (options.base) return { kind: "git", rev: options.base, why: "base", specRev: options.base };
  const tag = await lastTag(options.root, pkg.name);
  const fallback = tag ?? (await defaultBase(options.root));
  if (options.registry !== false) {
    const packed = await packFromRegistry(pkg, join(scratch, "registry", pkg.dir), log);
    if (packed) {
      // The packed `.d.ts` imports @specsdk/core and openapi-fetch: resolve them from the workspace.
      const modules = join(options.root, "packages", pkg.dir, "node_modules");
      if (existsSync(modules)) await symlink(modules, join(packed, "node_modules"), "dir");
      return { kind: "registry", version: pkg.version, packageDir: packed, specRev: fallback };
    }
  }
  return { kind: "git", rev: fallback, why: tag ? "tag" : "base", specRev: fallback };
}

export interface BuiltRevision {
  rev: string;
  root: string;
  /** Whether the package existed at that revision. */
  has(pkg: WorkspacePackage): boolean;
  packageDir(pkg: WorkspacePackage): string;
  seconds: number;
}

/**
 * Checks `rev` out into a temporary worktree, installs from the lockfile (without the network when the
 * store has everything), and builds the given packages and what they depend on. `dispose()` removes
 * the worktree.
 */
export async function buildRevision(
  root: string,
  rev: string,
  packages: readonly WorkspacePackage[],
  scratch: string,
  log: (line: string) => void = console.log,
): Promise<BuiltRevision> {
  const started = performance.now();
  const tree = await mkdtemp(join(scratch, "worktree-"));
  await git(root, "worktree", "add", "--detach", "--quiet", tree, rev);
  const present = new Set(
    (await readdir(join(tree, "packages"))).filter((dir) => existsSync(join(tree, "packages", dir, "package.json"))),
  );
  const wanted = packages.filter((pkg) => present.has(pkg.dir));
  const pnpm = (...args: string[]) =>
    run("pnpm", args, { cwd: tree, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: "1" } });
  try {
    // The store has what the working tree installed; a base with other versions (a dependency bump
    // under review) fetches the rest.
    await pnpm("install", "--offline", "--frozen-lockfile").catch(() =>
      pnpm("install", "--prefer-offline", "--frozen-lockfile"),
    );
    if (wanted.length > 0) await pnpm(...wanted.flatMap((pkg) => ["--filter", `${pkg.name}...`]), "run", "build");
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
    await removeWorktree(root, tree);
    throw new Error(`building ${rev} in a worktree failed: ${output.trim().split("\n").slice(-5).join(" | ")}`);
  }
  const seconds = (performance.now() - started) / 1000;
  log(
    `built ${rev} in a temporary worktree in ${seconds.toFixed(1)} s (install + build of ${wanted.length} package(s))`,
  );
  return {
    rev,
    root: tree,
    has: (pkg) => present.has(pkg.dir),
    packageDir: (pkg) => join(tree, "packages", pkg.dir),
    seconds,
  };
}

export async function removeWorktree(root: string, tree: string): Promise<void> {
  try {
    await git(root, "worktree", "remove", "--force", tree);
  } catch {
    await rm(tree, { recursive: true, force: true });
    await git(root, "worktree", "prune").catch(() => undefined);
  }
}

export async function scratchDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "specsdk-baseline-"));
}
