import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LIVE_ENV, type RunningPrism, startPrismProxy } from "@specsdk/testing";
import { displayPath, repoLayout } from "../shared/repo-paths.js";
import { loadSpec } from "../spec/load-spec.js";
import { loadProviderConfig } from "../spec/provider-config.js";
import { selectVendoredSpecs } from "../spec/vendored-specs.js";
import { liveUpstreamEnvVar, liveUpstreamUrl } from "./live-upstream.js";
import { redact, redactingLines } from "./redact.js";

const COMMAND = "test:live";
const LIVE_TESTS_DIR = join("test", "live");

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

const require = createRequire(import.meta.url);
const vitestCli = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
const liveConfig = require.resolve("@specsdk/testing/vitest-live");

async function hasLiveTests(packageDir: string): Promise<boolean> {
  try {
    return (await readdir(join(packageDir, LIVE_TESTS_DIR))).some((name) => name.endsWith(".live.ts"));
  } catch {
    return false;
  }
}

/** Runs one package's live tests in a child vitest, its output passed through with every secret redacted. */
async function runVitest(packageDir: string, env: NodeJS.ProcessEnv, secrets: string[]): Promise<Totals> {
  const resultsDir = await mkdtemp(join(tmpdir(), "specsdk-live-"));
  const resultsFile = join(resultsDir, "results.json");
  try {
    const exitCode = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [vitestCli, "run", "--config", liveConfig, "--root", packageDir], {
        cwd: packageDir,
        env: {
          ...env,
          [LIVE_ENV.results]: resultsFile,
          ...(process.stdout.isTTY && env.FORCE_COLOR === undefined ? { FORCE_COLOR: "1" } : {}),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const out = redactingLines(secrets, process.stdout);
      const err = redactingLines(secrets, process.stderr);
      child.stdout.on("data", out.write);
      child.stderr.on("data", err.write);
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on("SIGINT", forward).on("SIGTERM", forward);
      child.on("close", (code, signal) => {
        process.off("SIGINT", forward).off("SIGTERM", forward);
        out.end();
        err.end();
        resolve(code ?? (signal ? 1 : 0));
      });
    });
    try {
      const report = JSON.parse(await readFile(resultsFile, "utf8")) as {
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
        success: boolean;
      };
      const failed = report.numFailedTests + (!report.success && report.numFailedTests === 0 ? 1 : 0);
      return { passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests };
    } catch {
      console.error(`${COMMAND}: ${displayPath(packageDir)}: vitest exited ${exitCode} without a report`);
      return { passed: 0, failed: 1, skipped: 0 };
    }
  } finally {
    await rm(resultsDir, { recursive: true, force: true });
  }
}

export interface LiveTestOptions {
  /** Providers to test, by name; every spec in specs/ when none. */
  providers?: string[];
}

/**
 * `pnpm test:live [provider…]`: each provider's live contract tests (`packages/<p>/test/live/*.live.ts`)
 * against the real API, through an in-process Prism proxy that checks every request and response
 * against the vendored spec. A provider whose API key variable (provider.config.json `auth.envVar`)
 * is not set has its tests reported as skipped. `SPECSDK_LIVE_UPSTREAM_<PROVIDER>` replaces the
 * spec's server as the upstream (tests use a loopback server). API keys never reach the output.
 *
 * Not part of `pnpm test` or CI: it needs real credentials and spends real API calls.
 */
export async function runLiveTests(
  { providers = [] }: LiveTestOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { specsDir, packagesDir } = repoLayout();
  const selection = await selectVendoredSpecs(specsDir, providers);
  if ("problem" in selection) {
    console.error(`${COMMAND}: ${selection.problem}`);
    return 2;
  }
  const selected = await Promise.all(
    selection.selected.map(async (spec) => {
      const config = await loadProviderConfig(join(packagesDir, spec.name, "provider.config.json"));
      const envVar = config.auth.envVar ?? "";
      return { spec, envVar, key: envVar === "" ? undefined : env[envVar] || undefined };
    }),
  );
  // Every provider's key is redacted from every provider's output.
  const secrets = selected.flatMap(({ key }) => (key ? [key] : []));

  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  for (const { spec, envVar, key } of selected) {
    const packageDir = join(packagesDir, spec.name);
    if (!(await hasLiveTests(packageDir))) {
      console.log(`${spec.name}: no live contract tests (${displayPath(join(packageDir, LIVE_TESTS_DIR))}/*.live.ts)`);
      continue;
    }
    let proxy: RunningPrism | undefined;
    const prismUrls: Record<string, string> = {};
    try {
      if (key) {
        const upstream = env[liveUpstreamEnvVar(spec.name)] || liveUpstreamUrl((await loadSpec(spec.path)).document);
        proxy = await startPrismProxy(spec.path, upstream);
        prismUrls[spec.name] = proxy.url;
        console.log(`${spec.name}: live contract tests through a Prism proxy in front of ${upstream}`);
      } else {
        console.log(`${spec.name}: ${envVar} is not set, so its live contract tests are skipped`);
      }
      const result = await runVitest(packageDir, { ...env, [LIVE_ENV.prismUrls]: JSON.stringify(prismUrls) }, secrets);
      totals.passed += result.passed;
      totals.failed += result.failed;
      totals.skipped += result.skipped;
    } catch (error) {
      console.error(redact(`${COMMAND}: ${spec.name}: ${(error as Error).message}`, secrets));
      totals.failed += 1;
    } finally {
      await proxy?.close();
    }
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return totals.failed > 0 ? 1 : 0;
}
