/**
 * `pnpm changeset:check [--base <rev>]`, the CI gate: fails when a published package's API surface or
 * spec changed since the base revision (default `origin/main`, else `HEAD`) and no pending changeset in
 * `.changeset/` names the package at the bump `changeset:api` computes, or higher.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Bump } from "../api-diff/api-change.js";
import { isCommit } from "../shared/git-revision.js";
import { repoRoot } from "../shared/repo-paths.js";
import { defaultBase } from "./baseline.js";
import { computeApiChanges, type PackageApiChange } from "./run-changeset-api.js";

const COMMAND = "changeset:check";
const RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/** The bump each pending changeset gives each package, from its front matter (`"@specsdk/x": minor`). */
export function pendingBumps(files: readonly { name: string; text: string }[]): Map<string, Bump> {
  const bumps = new Map<string, Bump>();
  for (const { text } of files) {
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    for (const line of front.split(/\r?\n/)) {
      const match = /^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
      if (!match) continue;
      const [, name, bump] = match as unknown as [string, string, Bump];
      const had = bumps.get(name);
      if (!had || RANK[bump] > RANK[had]) bumps.set(name, bump);
    }
  }
  return bumps;
}

/** One line per package whose change no pending changeset covers; empty when every change is covered. */
export function uncoveredChanges(
  results: readonly PackageApiChange[],
  pending: Map<string, Bump>,
  base: string,
): string[] {
  const problems: string[] = [];
  for (const result of results) {
    if (!result.releasedAs || result.skipped) continue;
    const covered = pending.get(result.pkg.name);
    if (covered && RANK[covered] >= RANK[result.releasedAs]) continue;
    const first = [...(result.spec?.status === "changed" ? result.spec.changes : []), ...result.apiChanges][0];
    const has = covered ? `a ${covered} changeset` : "no changeset";
    problems.push(
      `${result.pkg.name}: changed since ${base} (needs a ${result.releasedAs} release: ${first?.text ?? "see changeset:api"}) but .changeset/ has ${has} for it; run \`pnpm changeset:api ${result.pkg.dir} --base ${base}\` (or \`pnpm changeset\`) and commit the file`,
    );
  }
  return problems;
}

async function readChangesets(root: string): Promise<{ name: string; text: string }[]> {
  const dir = join(root, ".changeset");
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".md") && name !== "README.md");
  } catch {
    return [];
  }
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(dir, name), "utf8") })));
}

export async function runChangesetCheck(options: { base?: string }, root: string = repoRoot): Promise<number> {
  const base = options.base ?? (await defaultBase(root));
  if (!(await isCommit(root, base))) {
    console.error(`${COMMAND}: --base ${JSON.stringify(base)} is not a commit in ${root}`);
    return 2;
  }
  const results = await computeApiChanges({ base }, root, () => undefined);
  const problems = uncoveredChanges(results, pendingBumps(await readChangesets(root)), base);
  for (const problem of problems) console.error(`${COMMAND}: ${problem}`);
  if (problems.length === 0) console.log(`${COMMAND}: every API change since ${base} has a changeset`);
  return problems.length === 0 ? 0 : 1;
}
