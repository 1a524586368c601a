import { DEFAULT_RUNS } from "@specsdk/testing";
import { markdownTable } from "../bench/shared/format.js";
import { FULL_RUNS_UP_TO, type SpecRun } from "./spec-run.js";

const seconds = (ms: number | undefined) => (ms === undefined ? "–" : (ms / 1000).toFixed(1));
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");

/** The step columns: ✓ passed, ✗ failed there, – not reached. */
const STEPS = ["add", "generate", "build", "typecheck", "test"] as const;

function stepMarks(run: SpecRun): string[] {
  if (run.outcome === "refused") return ["refused", "–", "–", "–", "–"];
  const failedAt = run.outcome === "pnpm install" ? "build" : run.outcome === "timeout" ? "test" : run.outcome;
  const index = run.outcome === "passed" ? STEPS.length : STEPS.indexOf(failedAt as (typeof STEPS)[number]);
  return STEPS.map((_, step) => (step < index ? "✓" : step === index ? "✗" : "–"));
}

/** A share with one decimal unless whole: 93 of 98 is 94.9 %, which a whole number would round up to the 95 % goal. */
function percent(share: number): string {
  return Number.isInteger(share) ? String(share) : share.toFixed(1);
}

/** The corpus section of BENCHMARKS.md: the summary against the goal, then one row per spec. */
export function corpusMarkdown(
  runs: SpecRun[],
  settings: { sample: number; seed: number; corpus: string; commit: string },
): string {
  const passed = runs.filter((run) => run.outcome === "passed").length;
  const refused = runs.filter((run) => run.outcome === "refused");
  const failed = runs.filter((run) => run.outcome !== "passed" && run.outcome !== "refused");
  const share = runs.length === 0 ? 0 : (100 * passed) / runs.length;
  const ratios = runs
    .filter((run) => run.generateMs !== undefined && run.openapiTypescriptMs)
    .map((run) => (run.generateMs as number) / (run.openapiTypescriptMs as number))
    .sort((a, b) => a - b);
  const median = ratios.length ? (ratios[Math.floor(ratios.length / 2)] as number) : undefined;
  const rows = runs.map((run) => {
    const fewerRuns =
      run.propertyRuns !== undefined && run.propertyRuns < DEFAULT_RUNS ? ` (${run.propertyRuns} inputs)` : "";
    const tests = run.tests ? `${run.tests.passed}/${run.tests.failed}/${run.tests.skipped}${fewerRuns}` : "–";
    const ratio =
      run.generateMs !== undefined && run.openapiTypescriptMs
        ? (run.generateMs / run.openapiTypescriptMs).toFixed(2)
        : "–";
    const peak = run.peakRssBytes === undefined ? "–" : String(Math.round(run.peakRssBytes / 2 ** 20));
    return [
      run.commit && run.commit !== settings.commit ? `${cell(run.spec)} (re-run at \`${run.commit}\`)` : cell(run.spec),
      cell(run.version),
      String(run.operations),
      ...stepMarks(run),
      tests,
      seconds(run.generateMs),
      seconds(run.openapiTypescriptMs),
      ratio,
      peak,
      seconds(run.totalMs),
    ];
  });
  const header = [
    "spec",
    "version",
    "ops",
    ...STEPS,
    "tests pass/fail/skip",
    "generate s",
    "openapi-typescript s",
    "ratio",
    "peak MiB",
    "total s",
  ];
  const rechecked = runs.filter((run) => run.commit && run.commit !== settings.commit);
  const reasons = [...refused, ...failed].map((run) => `- \`${run.spec}\` (${run.outcome}): ${cell(run.reason ?? "")}`);
  return [
    `\`pnpm corpus --sample ${settings.sample} --seed ${settings.seed}\` on ${settings.corpus}, code at \`${settings.commit}\`: ` +
      (runs.length < settings.sample
        ? `**${runs.length} of the ${settings.sample} specs ran** before the run was stopped (Stripe and GitHub, run last, among those not reached). `
        : `${runs.length} specs (Stripe and GitHub always among them). `) +
      `**${passed} of ${runs.length} (${percent(share)} %) pass every step**; ` +
      `${refused.length} refused with a stated reason, ${failed.length} failed a step. Generate vs openapi-typescript ` +
      `alone on the same spec: median ${median === undefined ? "–" : `${median.toFixed(2)}×`}.` +
      (rechecked.length > 0
        ? ` ${rechecked.length} specs were re-run on later code (\`pnpm corpus --recheck\` or \`--only\`), marked in the table.`
        : "") +
      ` Each property test tries ${DEFAULT_RUNS} generated inputs, as \`pnpm test\` does; on specs of over ${FULL_RUNS_UP_TO} operations fewer, as the tests column says.`,
    "",
    markdownTable(header, rows),
    "",
    reasons.length > 0 ? "Refusals and failures, first reason each:" : "No refusals or failures.",
    "",
    ...reasons,
  ].join("\n");
}
