import { join } from "node:path";
import { parseArgs } from "node:util";
import { updateBenchmarksFile } from "../bench/benchmarks-file.js";
import { bundleSizeSection } from "../bench/bundle-size.js";
import { callOverheadSection } from "../bench/call-overhead.js";
import { codegenSection } from "../bench/codegen.js";
import { loopbackSection } from "../bench/loopback.js";
import { machineLine } from "../bench/machine.js";
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
};

/**
 * `bench [--only calls,loopback,stream,throughput,size,codegen,suite] [--quick] [--no-write] [--base <rev>] [--no-profile]`: runs the sections one
 * after another (never two heavy things at once on a 2-core machine), prints each table, and
 * rewrites that section's block of BENCHMARKS.md.
 */
export async function runBench(argv: string[], root: string = repoRoot): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      quick: { type: "boolean", default: false },
      "no-write": { type: "boolean", default: false },
      base: { type: "string" },
      "no-profile": { type: "boolean", default: false },
    },
  });
  const names = values.only ? values.only.split(",").map((name) => name.trim()) : Object.keys(SECTIONS);
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
      quick: values.quick,
      root,
      log,
      base: values.base,
      noProfile: values["no-profile"],
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`\n## ${name} (${seconds} s)\n\n${result.console}`);
    if (!values["no-write"]) {
      const markdown = `_${machine}; section took ${seconds} s${values.quick ? "; --quick run, not for publishing" : ""}._\n\n${result.markdown}`;
      await updateBenchmarksFile(join(root, "BENCHMARKS.md"), [{ id: result.id, markdown }]);
    }
  }
  return 0;
}
