/** What each benchmark section hands back: a console table and a Markdown block for BENCHMARKS.md. */
export interface SectionResult {
  /** Marker id in BENCHMARKS.md (`<!-- bench:<id> -->`). */
  id: string;
  console: string;
  markdown: string;
}

export interface SectionOptions {
  /** Fewer rounds and smaller inputs: a smoke run, not numbers to publish. */
  quick: boolean;
  root: string;
  log: (line: string) => void;
  /** calls: also measure core as of this git revision (before/after a runtime change). */
  base?: string | undefined;
  /** calls: skip the CPU profiles. */
  noProfile?: boolean | undefined;
  /** scale: how many times each count's commands are timed (default 3; cold builds of 50+ providers at most 2). */
  rounds?: number | undefined;
}
