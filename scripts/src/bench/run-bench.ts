import { join } from "node:path";
import { repoRoot } from "../shared/repo-paths.js";
import { bundleSizeSection } from "./bundle-size.js";
import { codegenSection } from "./codegen/codegen.js";
import { callOverheadSection } from "./runtime/call-overhead.js";
import { loopbackSection } from "./runtime/loopback.js";
import { streamLatencySection } from "./runtime/stream-latency.js";
import { throughputSection } from "./runtime/throughput.js";
import { scaleSection } from "./scale/scale.js";
import { updateBenchmarksFile } from "./shared/benchmarks-file.js";
import { machineLine } from "./shared/machine.js";
import type { SectionOptions, SectionResult } from "./shared/section.js";
import { suiteSection } from "./suite.js";

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
  /** scale: times each count's commands are run. */
  rounds?: number;
}

/**
 * `bench [--only calls,loopback,stream,throughput,size,codegen,suite,scale] [--quick] [--no-write] [--base <rev>] [--no-profile]`: runs the sections one
 * after another (never two heavy things at once on a 2-core machine), prints each table, and
 * rewrites that section's block of BENCHMARKS.md.
 */
export async function runBench(
  { only, quick = false, noWrite = false, base, noProfile = false, rounds }: BenchOptions,
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
      rounds,
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`\n## ${name} (${seconds} s)\n\n${result.console}`);
    if (!noWrite) {
      const markdown = `_${machine}; section took ${seconds} s${quick ? "; --quick run, not for publishing" : ""}${rounds ? `; --rounds ${rounds}` : ""}._\n\n${result.markdown}`;
      await updateBenchmarksFile(join(root, "BENCHMARKS.md"), [{ id: result.id, markdown }]);
    }
  }
  return 0;
}
