/**
 * `pnpm changeset:api` keeps renamed methods working: an operation whose method and path are the same
 * as at the baseline but whose generated name changed gets its old name as a deprecated alias
 * (model/deprecated-aliases.ts). The alias is written into the provider's config, so it survives later
 * regenerations, then the package is regenerated and rebuilt, and the surfaces are compared again: the
 * rename is then "new method + old one deprecated" (minor) instead of "method removed" (major).
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { isMap, isScalar, type Node, type Pair, parseDocument } from "yaml";
import type { ApiSurface } from "../api-diff/extract-surface.js";
import { runGenerate } from "../generate/run-generate.js";
import { endpointOf, resolveDeprecatedAliases } from "../model/deprecated-aliases.js";
import { writeFileAtomically } from "../shared/atomic-write.js";
import { type DeprecatedAliasConfig, parseProviderConfig } from "../spec/provider-config.js";
import type { WorkspacePackage } from "./baseline.js";

const run = promisify(execFile);

/** An old name to keep: the alias's config entry, and the name it calls now (for messages). */
export interface Rename {
  oldName: string;
  newName: string;
  alias: DeprecatedAliasConfig;
}

/**
 * Operations present at both revisions under the same `METHOD /path` whose method name changed, and
 * whose old name the package no longer has (as a method or an alias).
 */
export function findRenames(before: ApiSurface, after: ApiSurface): Rename[] {
  if (!before.table || !after.table) return [];
  const now = Object.entries(after.table.operations);
  const renames: Rename[] = [];
  for (const [oldName, row] of Object.entries(before.table.operations)) {
    if (after.methods.has(oldName)) continue;
    const match = now.find(([, candidate]) => endpointOf(candidate) === endpointOf(row));
    if (!match) continue;
    const [newName, current] = match;
    const keepId = row.operationId !== undefined && row.operationId !== current.operationId;
    renames.push({
      oldName,
      newName,
      alias: { operation: endpointOf(row), ...(keepId ? { operationId: row.operationId } : {}) },
    });
  }
  return renames;
}

/** `"deprecatedAliases": { … }` written out one member a line, as Biome formats a config. */
function aliasesText(aliases: Record<string, DeprecatedAliasConfig>): string {
  const entries = Object.entries(aliases)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, alias]) => {
      const fields = Object.entries(alias).map(
        ([key, value]) => `      ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
      );
      return `    ${JSON.stringify(name)}: {\n${fields.join(",\n")}\n    }`;
    });
  return `{\n${entries.join(",\n")}\n  }`;
}

/**
 * The config text with `deprecatedAliases` set to `aliases`, the rest of the hand-written file as it
 * was: the member is replaced where it is, or inserted before `keywords`/`homepage`/`upstream` (else
 * last).
 */
export function withDeprecatedAliases(text: string, aliases: Record<string, DeprecatedAliasConfig>): string {
  const document = parseDocument(text);
  const root = document.contents;
  if (!isMap(root)) throw new Error("provider config: not a JSON object");
  const pairs = root.items as Pair<Node, Node>[];
  const keyOf = (pair: Pair<Node, Node>) => (isScalar(pair.key) ? String(pair.key.value) : "");
  const value = aliasesText(aliases);
  const existing = pairs.find((pair) => keyOf(pair) === "deprecatedAliases");
  const range = existing?.value?.range;
  if (range) return `${text.slice(0, range[0])}${value}${text.slice(range[1])}`;
  const next = pairs.find((pair) => ["keywords", "homepage", "upstream"].includes(keyOf(pair)));
  const start = next?.key?.range?.[0];
  if (start !== undefined) return `${text.slice(0, start)}"deprecatedAliases": ${value},\n  ${text.slice(start)}`;
  const end = pairs.at(-1)?.value?.range?.[1];
  if (end === undefined) throw new Error("provider config: empty object");
  return `${text.slice(0, end)},\n  "deprecatedAliases": ${value}${text.slice(end)}`;
}

/**
 * Adds the renames to `packages/<dir>/provider.config.json` (written atomically; checked first, so a
 * rename that cannot be kept, such as an old name another operation now has, is reported and left
 * out), regenerates and rebuilds the package. Returns the renames kept.
 */
export async function adoptAliases(
  root: string,
  pkg: WorkspacePackage,
  renames: readonly Rename[],
  after: ApiSurface,
  log: (line: string) => void,
): Promise<Rename[]> {
  const configPath = join(root, "packages", pkg.dir, "provider.config.json");
  const displayPath = `packages/${pkg.dir}/provider.config.json`;
  const text = await readFile(configPath, "utf8");
  const config = parseProviderConfig(text, displayPath);
  const operations = Object.entries(after.table?.operations ?? {}).map(([name, row]) => ({ ...row, name }));
  const aliases = { ...config.deprecatedAliases };
  const kept: Rename[] = [];
  for (const rename of renames) {
    const candidate = { ...aliases, [rename.oldName]: rename.alias };
    try {
      resolveDeprecatedAliases({ ...config, deprecatedAliases: candidate }, operations, displayPath);
    } catch (error) {
      log(`packages/${pkg.dir}: ${rename.oldName}() cannot be kept as an alias: ${(error as Error).message}`);
      continue;
    }
    aliases[rename.oldName] = rename.alias;
    kept.push(rename);
  }
  if (kept.length === 0) return kept;
  await writeFileAtomically(configPath, withDeprecatedAliases(text, aliases));
  for (const rename of kept) {
    log(
      `packages/${pkg.dir}: ${rename.oldName}() is now ${rename.newName}(); kept ${rename.oldName}() as a deprecated alias (${displayPath} "deprecatedAliases")`,
    );
  }
  const code = await runGenerate({ providers: [pkg.dir] }, root);
  if (code !== 0) throw new Error(`regenerating packages/${pkg.dir} with its deprecated aliases failed`);
  await run("pnpm", ["--filter", pkg.name, "run", "build"], { cwd: root, env: { ...process.env, CI: "1" } });
  return kept;
}
