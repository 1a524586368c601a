import { cacheCounts, cloneEnv, installedClone, runSuite, type SuiteRun } from "./shared/clone.js";
import { formatMs, formatRatio, markdownTable } from "./shared/format.js";
import type { SectionOptions, SectionResult } from "./shared/section.js";

function row(label: string, run: SuiteRun): string[] {
  const cache = cacheCounts(run.tasks);
  return [label, formatMs(run.ms), `${cache.hits}/${cache.total}`, run.totals, String(run.exitCode)];
}

/**
 * §5: README's `pnpm test` in a fresh clone (so the working tree is not disturbed), cold (empty turbo
 * cache: generate, build and every test run) and then warm (nothing changed: a cache replay).
 */
export async function suiteSection(options: SectionOptions): Promise<SectionResult> {
  options.log("suite: cloning and installing");
  const clone = await installedClone(options.root, "suite");
  try {
    options.log("suite: cold pnpm test (several minutes)");
    const cold = await runSuite(clone.dir, cloneEnv());
    options.log("suite: warm pnpm test");
    const warm = await runSuite(clone.dir, cloneEnv());
    if (cold.exitCode !== 0) options.log(`suite: the cold run failed:\n${cold.output.slice(-3000)}`);
    const table = markdownTable(
      ["run", "wall", "turbo cache hits", "totals", "exit"],
      [row("cold (fresh clone, empty cache)", cold), row("warm (same clone, nothing changed)", warm)],
    );
    const notCached = warm.tasks.filter((task) => task.status !== "HIT").map((task) => task.taskId);
    const md = [
      `\`git clone\` of the committed HEAD into a temporary directory, \`pnpm install --frozen-lockfile --prefer-offline\` (${formatMs(clone.installMs)}), then README's \`pnpm test\` twice. Warm ÷ cold: ${formatRatio(warm.ms / cold.ms)}.${notCached.length > 0 ? ` Not replayed on the warm run: ${notCached.join(", ")}.` : " Every task of the warm run is a cache hit."}`,
      "",
      table,
    ];
    return { id: "suite", console: table, markdown: md.join("\n") };
  } finally {
    await clone.dispose();
  }
}
