// spawn with inherited stdio and forwarded signals is all this needs; tinyexec/execa would add a dependency, no code.
import { spawn } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "../shared/repo-paths.js";

/** Each workspace package's vitest JSON report (written by its vitest config, cached by turbo). */
export const RESULTS_FILE = ".vitest-results.json";

interface VitestTotals {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
}

async function testedPackages(root: string): Promise<{ name: string; dir: string }[]> {
  const dirs = [
    join(root, "scripts"),
    ...(await readdir(join(root, "packages"))).map((name) => join(root, "packages", name)),
  ];
  const tested: { name: string; dir: string }[] = [];
  for (const dir of dirs.sort()) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
        name: string;
        scripts?: Record<string, string>;
      };
      if (manifest.scripts?.test) tested.push({ name: manifest.name, dir });
    } catch {
      // not a package
    }
  }
  return tested;
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: repoRoot });
    // Forward Ctrl-C/termination so turbo can shut vitest (and Prism with it) down cleanly.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward).on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward).off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/**
 * `pnpm test [turbo args…]`: every package's tests through turbo (cached when nothing changed), then
 * one line of totals summed from the packages' vitest JSON reports, in the plain `N passed, N failed`
 * form. `turboArgs` go to `turbo run test` as they are; the CLI has already dropped the leading `--`
 * that `pnpm test -- --filter x` hands the script (turbo would pass what follows it to vitest).
 */
export async function runTests(turboArgs: string[]): Promise<number> {
  const packages = await testedPackages(repoRoot);
  // A stale report from an earlier run must not be counted if this run fails before testing.
  await Promise.all(packages.map(({ dir }) => rm(join(dir, RESULTS_FILE), { force: true })));
  const turboExit = await run("turbo", ["run", "test", "--continue", ...turboArgs]);

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let reports = 0;
  const missing: string[] = [];
  for (const { name, dir } of packages) {
    try {
      const totals = JSON.parse(await readFile(join(dir, RESULTS_FILE), "utf8")) as VitestTotals;
      reports++;
      passed += totals.numPassedTests;
      failed += totals.numFailedTests;
      skipped += totals.numPendingTests + totals.numTodoTests;
      // A file that failed to load has no failed *tests* but is a failure all the same.
      if (!totals.success && totals.numFailedTests === 0) failed += 1;
    } catch {
      if (turboArgs.length === 0) missing.push(name);
    }
  }
  if (missing.length > 0) console.error(`no test report from: ${missing.join(", ")} (build or test setup failed)`);
  failed += missing.length;
  // Nothing ran (a filter that matched no package, say) is a failure, not a clean `0 passed, 0 failed`.
  if (reports === 0 && missing.length === 0) {
    console.error(`no tests ran: no package's tests were selected by: turbo run test ${turboArgs.join(" ")}`);
    failed += 1;
  }
  console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
  return turboExit !== 0 || failed > 0 ? 1 : 0;
}
