/**
 * `pnpm changeset:api [package…] [--base <rev>]` (alias: `pnpm specs:changeset`): for every published
 * package, compares its API surface (extract-surface.ts, diff-surface.ts) with its last released
 * version (baseline.ts) and, for a provider, its spec with the spec at that revision
 * (run-spec-changeset.ts); writes one changeset whose bump is the higher of the two, with both
 * lists in words. Rules: scripts/spec-changeset-rules.md.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { type ApiChange, highestBump, maxBump, releaseBump } from "../api-diff/api-change.js";
import { diffSurfaces } from "../api-diff/diff-surface.js";
import { type ApiSurface, loadSurfaces, typesEntry } from "../api-diff/extract-surface.js";
import { writeFileAtomically } from "../shared/atomic-write.js";
import { isCommit } from "../shared/git-revision.js";
import { repoLayout, repoRoot } from "../shared/repo-paths.js";
import { listVendoredSpecs } from "../spec/vendored-specs.js";
import { adoptAliases, findRenames } from "./adopt-aliases.js";
import {
  type BaselineSource,
  type BuiltRevision,
  buildRevision,
  chooseBaseline,
  removeWorktree,
  scratchDir,
  type WorkspacePackage,
} from "./baseline.js";
import { changesetFileName, changesetPrefix } from "./changeset-file.js";
import { renderApiChangeset } from "./render-changeset.js";
import { compareSpec, type SpecComparison } from "./run-spec-changeset.js";
import { packageInputs, unchangedSince } from "./unchanged-since.js";

const COMMAND = "changeset:api";

export interface ChangesetApiOptions {
  /** Packages by folder (`modelslab`, `core`) or name (`@specsdk/core`); every published one when none. */
  packages?: string[];
  /** Compare with this revision instead of the registry version or last tag. */
  base?: string;
  /** Ask the npm registry for the released version first (default true). */
  registry?: boolean;
  /**
   * Keep renamed methods as deprecated aliases: write them into the provider config, regenerate and
   * rebuild (adopt-aliases.ts). Only the command does; the CI check reads and never writes.
   */
  adoptAliases?: boolean;
}

/** The result for one package: what changed, and the bump it deserves (undefined: nothing changed). */
export interface PackageApiChange {
  pkg: WorkspacePackage;
  bump?: ReturnType<typeof highestBump>;
  releasedAs?: ReturnType<typeof highestBump>;
  apiChanges: ApiChange[];
  spec?: SpecComparison;
  baseline: string;
  /** The changeset file this change gets (derived from the spec or surface digests). */
  fileName?: string;
  filePrefix?: string;
  content?: string;
  /** Why nothing is written (new package), when so. */
  skipped?: string;
}

/** Every package in packages/ that is published (not `private`). */
export async function publishedPackages(root: string): Promise<WorkspacePackage[]> {
  const packagesDir = join(root, "packages");
  const found: WorkspacePackage[] = [];
  for (const dir of (await readdir(packagesDir)).sort()) {
    const manifest = join(packagesDir, dir, "package.json");
    if (!existsSync(manifest)) continue;
    const json = JSON.parse(await readFile(manifest, "utf8")) as { name: string; version: string; private?: boolean };
    if (!json.private) found.push({ name: json.name, dir, version: json.version });
  }
  return found;
}

function label(source: BaselineSource): string {
  if (source.kind === "registry") return `the released version on npm (${source.version})`;
  return source.why === "tag" ? `its last release tag \`${source.rev}\`` : `revision \`${source.rev}\``;
}

/**
 * Compares each selected package with its baseline; writes nothing. Worktrees it builds are removed
 * before it returns. Throws on a package that is not built.
 */
export async function computeApiChanges(
  options: ChangesetApiOptions,
  root: string = repoRoot,
  log: (line: string) => void = console.log,
): Promise<PackageApiChange[]> {
  const layout = repoLayout(root);
  const all = await publishedPackages(root);
  const wanted = options.packages ?? [];
  const unknown = wanted.filter((name) => !all.some((pkg) => pkg.dir === name || pkg.name === name));
  if (unknown.length > 0) {
    throw new Error(`no published package ${unknown.join(", ")} (have: ${all.map((pkg) => pkg.dir).join(", ")})`);
  }
  const selected = wanted.length > 0 ? all.filter((pkg) => wanted.includes(pkg.dir) || wanted.includes(pkg.name)) : all;
  for (const pkg of selected) {
    const { entry } = typesEntry(join(layout.packagesDir, pkg.dir));
    if (!existsSync(entry)) throw new Error(`packages/${pkg.dir}: not built (no ${entry}); run \`pnpm build\` first`);
  }
  const specs = await listVendoredSpecs(layout.specsDir);
  const scratch = await scratchDir();
  const built = new Map<string, BuiltRevision>();
  try {
    const sources = new Map<WorkspacePackage, BaselineSource>();
    for (const pkg of selected) sources.set(pkg, await chooseBaseline(pkg, { ...options, root, log }, scratch));
    // Nothing a package is built from changed since its git baseline: it is unchanged, and no
    // worktree is built for it (most of the cost).
    const unchanged = new Set<WorkspacePackage>();
    for (const [pkg, source] of sources) {
      if (source.kind === "git" && (await unchangedSince(root, source.rev, await packageInputs(root, pkg, all)))) {
        unchanged.add(pkg);
      }
    }
    // One worktree per revision, building every package compared with it.
    const revs = new Map<string, WorkspacePackage[]>();
    for (const [pkg, source] of sources) {
      if (source.kind === "git" && !unchanged.has(pkg)) revs.set(source.rev, [...(revs.get(source.rev) ?? []), pkg]);
    }
    for (const [rev, pkgs] of revs) built.set(rev, await buildRevision(root, rev, pkgs, scratch, log));

    const results: PackageApiChange[] = [];
    for (const pkg of selected) {
      const source = sources.get(pkg) as BaselineSource;
      const baseline = label(source);
      if (unchanged.has(pkg)) {
        results.push({ pkg, apiChanges: [], baseline });
        continue;
      }
      const tree = source.kind === "git" ? built.get(source.rev) : undefined;
      if (tree && !tree.has(pkg)) {
        results.push({ pkg, apiChanges: [], baseline, skipped: `new since ${tree.rev}` });
        continue;
      }
      const beforeDir = source.kind === "registry" ? source.packageDir : (tree as BuiltRevision).packageDir(pkg);
      const afterDir = join(layout.packagesDir, pkg.dir);
      let { surfaces, checker } = loadSurfaces([beforeDir, afterDir]);
      const renames = options.adoptAliases ? findRenames(surfaces[0] as ApiSurface, surfaces[1] as ApiSurface) : [];
      if (renames.length > 0 && (await adoptAliases(root, pkg, renames, surfaces[1] as ApiSurface, log)).length > 0) {
        ({ surfaces, checker } = loadSurfaces([beforeDir, afterDir]));
      }
      const [before, after] = surfaces as [ApiSurface, ApiSurface];
      const apiChanges = before.digest === after.digest ? [] : diffSurfaces(checker, before, after);
      if (before.digest !== after.digest && apiChanges.length === 0) {
        apiChanges.push({ bump: "patch", text: "No API change (the generated declarations changed in form only)" });
      }
      const vendored = specs.find((spec) => spec.name === pkg.dir);
      const spec = vendored ? await compareSpec(layout, vendored, source.specRev) : undefined;
      const specChanges = spec?.status === "changed" ? spec.changes : [];
      const result: PackageApiChange = { pkg, apiChanges, spec, baseline };
      const api = highestBump(apiChanges);
      const fromSpec = highestBump(specChanges);
      const bump = api && fromSpec ? maxBump(api, fromSpec) : (api ?? fromSpec);
      if (bump) {
        result.bump = bump;
        result.releasedAs = releaseBump(bump, pkg.version);
        if (spec?.status === "changed") {
          result.fileName = changesetFileName(pkg.dir, spec.beforeSha256, spec.afterSha256);
          result.filePrefix = changesetPrefix(pkg.dir, spec.beforeSha256);
        } else {
          result.filePrefix = `${pkg.dir}-api-${before.digest.slice(0, 8)}-`;
          result.fileName = `${result.filePrefix}${after.digest.slice(0, 8)}.md`;
        }
        result.content = renderApiChangeset({
          packageName: pkg.name,
          bump,
          releasedAs: result.releasedAs,
          spec: spec?.status === "changed" ? spec : undefined,
          apiChanges,
          baseline,
        });
      }
      results.push(result);
    }
    return results;
  } finally {
    for (const tree of built.values()) await removeWorktree(root, tree.root);
    await rm(scratch, { recursive: true, force: true });
  }
}

async function existingChangesets(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(".md"));
  } catch {
    return [];
  }
}

/**
 * The command: writes `.changeset/<package>-spec-<from>-<to>.md` when the spec changed (the same name
 * `specs:changeset` always used), else `.changeset/<package>-api-<from>-<to>.md` (surface digests).
 * An existing file is never rewritten; a pending one from the same starting point is replaced.
 */
export async function runChangesetApi(options: ChangesetApiOptions, root: string = repoRoot): Promise<number> {
  if (options.base && !(await isCommit(root, options.base))) {
    console.error(`${COMMAND}: --base ${JSON.stringify(options.base)} is not a commit in ${root}`);
    return 2;
  }
  let results: PackageApiChange[];
  try {
    results = await computeApiChanges({ adoptAliases: true, ...options }, root);
  } catch (error) {
    console.error(`${COMMAND}: ${(error as Error).message}`);
    return 2;
  }
  const changesetDir = join(root, ".changeset");
  for (const result of results) {
    const where = `packages/${result.pkg.dir}`;
    if (result.skipped) {
      console.log(
        `${where}: ${result.skipped}; no changeset (a new package's first release is the changeset providers:add wrote)`,
      );
      continue;
    }
    if (!result.fileName || !result.content || !result.filePrefix) {
      console.log(`${where}: API surface and spec unchanged since ${result.baseline}`);
      continue;
    }
    const existing = await existingChangesets(changesetDir);
    if (existing.includes(result.fileName)) {
      console.log(`${where}: .changeset/${result.fileName} already exists; not rewritten`);
      continue;
    }
    for (const superseded of existing.filter((name) => name.startsWith(result.filePrefix as string))) {
      await rm(join(changesetDir, superseded));
      console.log(`${where}: removed .changeset/${superseded} (superseded: the package changed again)`);
    }
    await writeFileAtomically(join(changesetDir, result.fileName), result.content);
    const why =
      result.releasedAs === result.bump ? "" : ` (a ${result.bump} change; ${result.pkg.version} is before 1.0)`;
    console.log(`${where}: ${result.releasedAs} release of ${result.pkg.name}${why} → .changeset/${result.fileName}`);
    const specChanges = result.spec?.status === "changed" ? result.spec.changes : [];
    for (const change of [...specChanges, ...result.apiChanges])
      console.log(`  ${change.bump.padEnd(5)} ${change.text}`);
  }
  return 0;
}
