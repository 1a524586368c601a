import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { repoRoot } from "../shared/repo-paths.js";
import { runNodeChild } from "./run-child.js";

/**
 * Where each target's Stryker config lives; its `mutate` (and for emitters `testFiles`) lists say
 * what is mutated and which tests judge it. Emitters: only those with direct unit tests (see the
 * config): the rest are tested by running the generator in temporary repositories, which Stryker's
 * sandbox and per-test coverage cannot see.
 */
const TARGETS = {
  core: { dir: "packages/core", config: "stryker.config.json" },
  emitters: { dir: "scripts", config: "stryker.emitters.config.json" },
} as const;
export type MutationTarget = keyof typeof TARGETS;

/** The JSON reporter's output, as each stryker.config.json names it. */
const REPORT = join("reports", "mutation", "mutation.json");
const require = createRequire(import.meta.url);
const strykerBin = join(dirname(require.resolve("@stryker-mutator/core/package.json")), "bin", "stryker.js");

export interface MutationOptions {
  targets: MutationTarget[];
  mutate?: string;
  force?: boolean;
}

export interface MutationScore {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Mutants that did not compile or crashed the runner: not counted in the score, as in Stryker's. */
  errors: number;
  ignored: number;
  /** (killed + timeout) ÷ (killed + timeout + survived + no coverage), in percent. */
  score: number;
}

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

/** Counts a Stryker JSON report (mutation-testing-report-schema) the way Stryker scores it. */
export function mutationScore(report: Report): MutationScore {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  for (const file of Object.values(report.files)) {
    for (const { status } of file.mutants) if (status in count) count[status as keyof typeof count]++;
  }
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  return {
    killed: count.Killed,
    timeout: count.Timeout,
    survived: count.Survived,
    noCoverage: count.NoCoverage,
    errors: count.CompileError + count.RuntimeError,
    ignored: count.Ignored,
    score: valid === 0 ? 0 : (100 * detected) / valid,
  };
}

/**
 * Runs Stryker in each target's directory with its stryker.config.json: one test runner (the
 * machine is shared), incremental (reports/stryker-incremental.json, git-ignored: a local cache),
 * so a second run re-tests only mutants whose code or covering tests changed. Prints Stryker's own
 * table, then one line per target with the score. Exit code 1 when Stryker failed.
 */
export async function runMutation({ targets, mutate, force }: MutationOptions): Promise<number> {
  let failed = 0;
  for (const target of targets) {
    const { dir: relativeDir, config } = TARGETS[target];
    const dir = join(repoRoot, relativeDir);
    const args = [strykerBin, "run", config, ...(mutate ? ["--mutate", mutate] : [])];
    if (force) args.push("--force");
    console.log(`mutation: ${target} (${relativeDir}${mutate ? `, ${mutate}` : ""})`);
    const code = await runNodeChild(args, { cwd: dir });
    const reportPath = join(dir, REPORT);
    if (code !== 0 || !existsSync(reportPath)) {
      console.error(`mutation: ${target}: Stryker exited with ${code}`);
      failed++;
      continue;
    }
    const s = mutationScore(JSON.parse(readFileSync(reportPath, "utf8")) as Report);
    console.log(
      `mutation: ${target}: score ${s.score.toFixed(2)} % (killed ${s.killed} + timeout ${s.timeout} of ` +
        `${s.killed + s.timeout + s.survived + s.noCoverage}; survived ${s.survived}, no coverage ${s.noCoverage}, ` +
        `errors ${s.errors}, ignored ${s.ignored})${mutate ? ` for ${mutate} only` : ""}`,
    );
  }
  return failed > 0 ? 1 : 0;
}
