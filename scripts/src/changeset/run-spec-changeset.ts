import { readdir, readFile, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { type ApiChange, highestBump, releaseBump } from "../api-diff/api-change.js";
import { diffSpecs } from "../api-diff/spec-diff.js";
import { writeFileAtomically } from "../shared/atomic-write.js";
import { fileAtRevision, isCommit } from "../shared/git-revision.js";
import { type RepoLayout, repoLayout } from "../shared/repo-paths.js";
import { sha256 } from "../shared/sha256.js";
import { SpecError } from "../shared/spec-error.js";
import { loadSpec, parseSpecText } from "../spec/load-spec.js";
import { loadProviderConfig, type ProviderConfig } from "../spec/provider-config.js";
import { selectVendoredSpecs, type VendoredSpec, verifyVendoredDigest } from "../spec/vendored-specs.js";
import { changesetFileName, changesetPrefix, renderChangeset } from "./changeset-file.js";

const COMMAND = "specs:changeset";

async function existingChangesets(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith(".md"));
  } catch {
    return [];
  }
}

export interface SpecChangesetOptions {
  /** Specs to compare, by name; every spec in specs/ when none. */
  providers?: string[];
  /** The git revision to compare with (default HEAD). */
  base?: string;
}

/**
 * `specs:changeset [provider…] [--base <rev>]`: compares each spec in specs/ with its version at
 * `rev` (default HEAD) and writes `.changeset/<provider>-spec-<from>-<to>.md` for the provider
 * package, with the bump its API change deserves (rules: scripts/spec-changeset-rules.md).
 *
 * - An unchanged spec writes nothing.
 * - A spec the base revision does not have is a new package: it is skipped, because
 *   `changeset publish` releases a new package at the version it was generated with.
 * - Idempotent: the file name comes from both specs' digests, and an existing file is kept (it may
 *   have been edited by hand). A pending changeset from the same base spec to another version of it
 *   (the spec was re-vendored before release) is replaced, so one release never lists a change twice.
 */
export async function runSpecChangeset(
  { providers = [], base = "HEAD" }: SpecChangesetOptions,
  root?: string,
): Promise<number> {
  const layout = repoLayout(root);
  const changesetDir = join(layout.root, ".changeset");
  const selection = await selectVendoredSpecs(layout.specsDir, providers);
  if ("problem" in selection) {
    console.error(`${COMMAND}: ${selection.problem}`);
    return 2;
  }
  if (!(await isCommit(layout.root, base))) {
    console.error(`${COMMAND}: --base ${JSON.stringify(base)} is not a commit in ${layout.root}`);
    return 2;
  }
  const { selected } = selection;

  for (const spec of selected) {
    const compared = await compareSpec(layout, spec, base);
    if (compared.status !== "changed") {
      console.log(compared.message);
      continue;
    }
    const { specPath, config, changes, beforeSha256, afterSha256 } = compared;
    const bump = highestBump(changes) ?? "patch";
    const packageJson = JSON.parse(await readFile(join(layout.packagesDir, spec.name, "package.json"), "utf8"));
    const releasedAs = releaseBump(bump, String(packageJson.version));

    const fileName = changesetFileName(spec.name, beforeSha256, afterSha256);
    const existing = await existingChangesets(changesetDir);
    if (existing.includes(fileName)) {
      console.log(`${specPath}: .changeset/${fileName} already exists; not rewritten`);
      continue;
    }
    for (const superseded of existing.filter((name) => name.startsWith(changesetPrefix(spec.name, beforeSha256)))) {
      await rm(join(changesetDir, superseded));
      console.log(`${specPath}: removed .changeset/${superseded} (superseded: the spec changed again)`);
    }
    const content = renderChangeset({
      packageName: config.packageName,
      bump,
      releasedAs,
      specPath,
      apiTitle: compared.apiTitle,
      beforeVersion: compared.beforeVersion,
      afterVersion: compared.afterVersion,
      changes,
    });
    await writeFileAtomically(join(changesetDir, fileName), content);
    const why = releasedAs === bump ? "" : ` (a ${bump} change; ${packageJson.version} is before 1.0)`;
    console.log(`${specPath}: ${releasedAs} release of ${config.packageName}${why} → .changeset/${fileName}`);
    for (const change of changes) console.log(`  ${change.bump.padEnd(5)} ${change.text}`);
  }
  return 0;
}

export type SpecComparison =
  | { status: "new" | "unchanged"; specPath: string; message: string }
  | {
      status: "changed";
      specPath: string;
      config: ProviderConfig;
      changes: ApiChange[];
      beforeSha256: string;
      afterSha256: string;
      apiTitle: string;
      beforeVersion: string;
      afterVersion: string;
    };

/**
 * One vendored spec against its version at `base`: the API changes in words (rules:
 * scripts/spec-changeset-rules.md), or why there are none. Also used by `changeset:api`.
 */
export async function compareSpec(layout: RepoLayout, spec: VendoredSpec, base: string): Promise<SpecComparison> {
  const specPath = relative(layout.root, spec.path).split("\\").join("/");
  const loaded = await loadSpec(spec.path);
  const afterSha256 = await verifyVendoredDigest(spec, loaded.text);
  const previous = await fileAtRevision(layout.root, base, specPath);
  if (previous === undefined) {
    const message = `${specPath}: new since ${base}; no changeset (a new package's first release is the changeset providers:add wrote)`;
    return { status: "new", specPath, message };
  }
  if (previous === loaded.text)
    return { status: "unchanged", specPath, message: `${specPath}: unchanged since ${base}` };
  const beforeSha256 = sha256(previous);
  const before = parseSpecText(previous, `${base}:${specPath}`);
  const configPath = join(layout.packagesDir, spec.name, "provider.config.json");
  const config = await loadProviderConfig(configPath);

  let changes: ApiChange[];
  try {
    changes = diffSpecs({ name: spec.name, specFile: spec.fileName, before, after: loaded.document, config });
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(specPath, `cannot compare with ${base}: ${(error as Error).message}`);
  }
  if (changes.length === 0) {
    // The bytes changed (formatting, comments, key order), so the generated files did too.
    changes = [{ bump: "patch", text: "No API change (the spec's formatting or metadata changed)" }];
  }
  return {
    status: "changed",
    specPath,
    config,
    changes,
    beforeSha256,
    afterSha256,
    apiTitle: loaded.document.info.title,
    beforeVersion: String(before.info?.version ?? "?"),
    afterVersion: String(loaded.document.info.version),
  };
}
