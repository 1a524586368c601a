import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { FUZZ_ENV } from "@specsdk/testing";
import { repoLayout } from "../shared/repo-paths.js";
import { runNodeChild } from "./run-child.js";

const PROPERTY_TEST = join("test", "generated", "property.test.ts");
const require = createRequire(import.meta.url);
const vitestCli = join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");

export interface FuzzOptions {
  providers: string[];
  runs: number;
  seed?: number;
  path?: string;
  root?: string;
}

/**
 * Runs each provider's property test in a child vitest (the package's own config: Prism from the
 * vendored spec, the contract assertion) with the run count and seed in the environment, where
 * `fuzzSettings()` reads them. The default reporter only: the package's `.vitest-results.json`
 * (a turbo output of `pnpm test`) is left alone. Exit code 1 when any provider's test failed.
 */
export async function runFuzz({ providers, runs, seed, path, root }: FuzzOptions): Promise<number> {
  const { packagesDir } = repoLayout(root);
  const all = readdirSync(packagesDir).filter((name) => existsSync(join(packagesDir, name, PROPERTY_TEST)));
  const unknown = providers.filter((name) => !all.includes(name));
  if (unknown.length > 0) {
    console.error(`fuzz: no ${PROPERTY_TEST} in packages/${unknown.join(", packages/")} (have: ${all.join(", ")})`);
    return 1;
  }
  const chosen = providers.length > 0 ? providers : all;
  const theSeed = seed ?? Math.floor(Math.random() * 2 ** 31);
  console.log(`fuzz: ${chosen.join(", ")}: ${runs} runs per operation, seed ${theSeed}${path ? `, path ${path}` : ""}`);
  let failed = 0;
  for (const name of chosen) {
    const packageDir = join(packagesDir, name);
    const code = await runNodeChild([vitestCli, "run", PROPERTY_TEST, "--reporter=default"], {
      cwd: packageDir,
      env: {
        ...process.env,
        [FUZZ_ENV.runs]: String(runs),
        [FUZZ_ENV.seed]: String(theSeed),
        ...(path ? { [FUZZ_ENV.path]: path } : {}),
      },
    });
    if (code !== 0) failed++;
  }
  console.log(`fuzz: ${chosen.length - failed} passed, ${failed} failed (seed ${theSeed})`);
  return failed > 0 ? 1 : 0;
}
