import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { DEFAULT_RUNS, FUZZ_ENV } from "@specsdk/testing";
import { cloneEnv } from "../bench/shared/clone.js";
import { exec } from "../shared/exec.js";
import { HTTP_METHODS } from "../shared/runtime-vocabulary.js";

/** How far one spec got: every step it passed, or the first it failed. */
export type Outcome = "passed" | "refused" | "generate" | "pnpm install" | "build" | "typecheck" | "test" | "timeout";

export interface SpecRun {
  /** Path inside the corpus, e.g. `stripe.com.json`. */
  spec: string;
  provider: string;
  /** The spec's `info.version`. */
  version: string;
  operations: number;
  outcome: Outcome;
  /** For anything but `passed`: the first line that says why. */
  reason?: string;
  tests?: { passed: number; failed: number; skipped: number };
  /** Generated inputs per property test (`propertyRuns`); absent in runs from before it was recorded, which used the default. */
  propertyRuns?: number;
  /** Our `generate` for this provider, and openapi-typescript alone on the same spec (each a cold child process). */
  generateMs?: number;
  openapiTypescriptMs?: number;
  peakRssBytes?: number;
  /** Wall time of the whole run for this spec. */
  totalMs: number;
  /** The code it ran on, when not the run's own (a failure re-run later with `--recheck`). */
  commit?: string;
}

/** Per-step limits: generous for GitHub's 1,000 operations, short enough that a hang is found in one run. */
const ADD_LIMIT_MS = 20 * 60_000;
const TEST_LIMIT_MS = 20 * 60_000;
const TIMING_LIMIT_MS = 5 * 60_000;

const METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/** Up to this many operations a spec's property tests run as `pnpm test` runs them. */
export const FULL_RUNS_UP_TO = 200;

/**
 * Generated inputs per property test: the default up to 200 operations; above, fewer, so the spec's
 * properties send about as many requests as a 200-operation spec's, never fewer than 5 per property.
 * One test file runs on one core, and an operation's two properties take seconds at the default
 * (GitHub Enterprise: 642 operations, over 20 minutes), which no step limit that still finds a hang fits.
 */
export function propertyRuns(operations: number): number {
  return Math.max(5, Math.min(DEFAULT_RUNS, Math.floor((FULL_RUNS_UP_TO * DEFAULT_RUNS) / Math.max(operations, 1))));
}

/** Which step providers:add stopped at, from what it printed. */
function failedStep(output: string): { outcome: Outcome; reason: string } {
  const lines = output.split("\n").map((line) => line.trim());
  if (output.includes("[killed after")) return { outcome: "timeout", reason: "providers:add ran past its limit" };
  const step = lines.find((line) => /^providers:add: (generate|pnpm install|build|typecheck) failed/.test(line));
  if (step) {
    const outcome = /^providers:add: (generate|pnpm install|build|typecheck)/.exec(step)?.[1] as Outcome;
    const detail = lines.find((line) => /error TS\d+|Error:|ERR_/.test(line)) ?? step;
    return { outcome, reason: detail };
  }
  const refusal = lines.find((line) => line.startsWith("providers:add: ")) ?? lines.filter(Boolean).at(-1) ?? "";
  return { outcome: "refused", reason: refusal.replace(/^providers:add: /, "") };
}

/** The line of a failed run's output that says why (an unhandled error's message), else its last line; no colours. */
function whyItFailed(output: string): string {
  const lines = stripVTControlCharacters(output)
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.find((line) => /^\w*Error: /.test(line)) ?? lines.at(-1) ?? "";
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { status: string; fullName: string; failureMessages: string[] }[] }[];
}

/** Runs a bench child that prints one JSON line of timings. */
async function timing(clone: string, args: string[]): Promise<{ ms: number; maxRssBytes: number } | undefined> {
  const child = join(clone, "scripts/src/bench/codegen/generate-child.ts");
  const result = await exec(process.execPath, ["--import", "tsx", child, ...args], {
    cwd: join(clone, "scripts"),
    env: cloneEnv(),
    timeoutMs: TIMING_LIMIT_MS,
  });
  const line = result.stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as { ms: number; maxRssBytes: number };
  } catch {
    return undefined;
  }
}

/**
 * One spec through what a maintainer does, in the prepared clone: `pnpm providers:add` (vendor,
 * config, generate, link, build, type-check), the generated contract tests against Prism, and the
 * generate timings. Everything it added is removed afterwards, so the next spec starts from the same tree.
 */
export async function runSpec(clone: string, api: string, spec: string, provider: string): Promise<SpecRun> {
  const started = performance.now();
  const specPath = join(api, spec);
  const document = JSON.parse(await readFile(specPath, "utf8")) as {
    info?: { version?: string };
    paths?: Record<string, object>;
  };
  const operations = Object.values(document.paths ?? {}).reduce(
    (count, item) => count + Object.keys(item).filter((key) => METHODS.has(key)).length,
    0,
  );
  const base = { spec, provider, version: String(document.info?.version ?? "?"), operations };
  const env = cloneEnv();
  try {
    const added = await exec("pnpm", ["providers:add", provider, specPath], {
      cwd: clone,
      env,
      timeoutMs: ADD_LIMIT_MS,
    });
    if (added.code !== 0) {
      return { ...base, ...failedStep(`${added.stdout}\n${added.stderr}`), totalMs: performance.now() - started };
    }
    const ours = await timing(clone, ["ours", clone, provider]);
    const alone = await timing(clone, ["openapi-typescript", specPath, join(clone, `.corpus-${provider}.ts`)]);
    const timings = {
      ...(ours ? { generateMs: ours.ms, peakRssBytes: ours.maxRssBytes } : {}),
      ...(alone ? { openapiTypescriptMs: alone.ms } : {}),
    };
    const packageDir = join(clone, "packages", provider);
    const runs = propertyRuns(operations);
    const measured = { propertyRuns: runs, ...timings };
    const tested = await exec("pnpm", ["--filter", `@specsdk/${provider}`, "test"], {
      cwd: clone,
      env: { ...env, [FUZZ_ENV.runs]: String(runs) },
      timeoutMs: TEST_LIMIT_MS,
    });
    let report: VitestReport | undefined;
    try {
      report = JSON.parse(await readFile(join(packageDir, ".vitest-results.json"), "utf8")) as VitestReport;
    } catch {
      report = undefined;
    }
    const tests = report
      ? { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests }
      : undefined;
    if (tested.code === 0 && tests && tests.failed === 0) {
      return { ...base, outcome: "passed", tests, ...measured, totalMs: performance.now() - started };
    }
    const failure = report?.testResults
      .flatMap((file) => file.assertionResults)
      .find((assertion) => assertion.status === "failed");
    const reason = failure
      ? `${failure.fullName}: ${failure.failureMessages[0]?.split("\n")[0] ?? ""}`
      : tested.stderr.includes("[killed after")
        ? "contract tests ran past their limit"
        : whyItFailed(`${tested.stdout}\n${tested.stderr}`);
    const outcome: Outcome = tested.stderr.includes("[killed after") ? "timeout" : "test";
    return { ...base, outcome, reason: reason.slice(0, 300), tests, ...measured, totalMs: performance.now() - started };
  } finally {
    // Back to the commit, whatever providers:add wrote (the package, its MCP server, the spec, changesets,
    // the lockfile): a leftover breaks the next spec's install. The two packages also hold ignored
    // node_modules and dist, which `git clean` keeps.
    await rm(join(clone, "packages", provider), { recursive: true, force: true });
    await rm(join(clone, "packages", `${provider}-mcp`), { recursive: true, force: true });
    await exec("git", ["checkout", "--quiet", "--", "."], { cwd: clone });
    await exec("git", ["clean", "-fdq"], { cwd: clone });
  }
}
