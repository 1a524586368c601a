import { join } from "node:path";
import { updateBenchmarksFile } from "../bench/benchmarks-file.js";
import { bundleSizeSection } from "../bench/bundle-size.js";
import { callOverheadSection } from "../bench/call-overhead.js";
import { codegenSection } from "../bench/codegen.js";
import { loopbackSection } from "../bench/loopback.js";
import { machineLine } from "../bench/machine.js";
import { scaleSection } from "../bench/scale.js";
import type { SectionOptions, SectionResult } from "../bench/section.js";
import { streamLatencySection } from "../bench/stream-latency.js";
import { suiteSection } from "../bench/suite.js";
import { throughputSection } from "../bench/throughput.js";
import { repoRoot } from "./repo-paths.js";

type Section = (options: SectionOptions) => Promise<SectionResult>;

/** Sections in run order; `--only` picks some. Each writes its own block of BENCHMARKS.md. */
const SECTIONS: Record<string, Section> = {
  calls: callOverheadSection,
  loopback: loopbackSection,
  stream: streamLatencySection,
  throughput: throughputSection,
  size: bundleSizeSection,
  codegen: codegenSection,
  suite: suiteSection,
  scale: scaleSection,
};

export interface BenchOptions {
  /** Comma-separated section names to run; every section when absent. */
  only?: string;
  /** Fewer rounds: a smoke run, not for publishing. */
  quick?: boolean;
  /** Leave BENCHMARKS.md alone. */
  noWrite?: boolean;
  /** Also measure core's runtime as of this git revision, side by side. */
  base?: string;
  /** Skip the CPU profiles. */
  noProfile?: boolean;
}

/**
 * `bench [--only calls,loopback,stream,throughput,size,codegen,suite,scale] [--quick] [--no-write] [--base <rev>] [--no-profile]`: runs the sections one
 * after another (never two heavy things at once on a 2-core machine), prints each table, and
 * rewrites that section's block of BENCHMARKS.md.
 */
export async function runBench(
  { only, quick = false, noWrite = false, base, noProfile = false }: BenchOptions,
  root: string = repoRoot,
): Promise<number> {
  const names = only ? only.split(",").map((name) => name.trim()) : Object.keys(SECTIONS);
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    console.error(`bench: unknown section ${unknown.join(", ")} (have: ${Object.keys(SECTIONS).join(", ")})`);
    return 2;
  }
  const log = (line: string) => console.error(`[bench] ${line}`);
  const machine = machineLine();
  for (const name of names) {
    const started = Date.now();
    const result = await (SECTIONS[name] as Section)({
      quick,
      root,
      log,
      base,
      noProfile,
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`\n## ${name} (${seconds} s)\n\n${result.console}`);
    if (!noWrite) {
      const markdown = `_${machine}; section took ${seconds} s${quick ? "; --quick run, not for publishing" : ""}._\n\n${result.markdown}`;
      await updateBenchmarksFile(join(root, "BENCHMARKS.md"), [{ id: result.id, markdown }]);
    }
  }
  return 0;
}
