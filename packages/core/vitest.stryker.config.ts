import { defineConfig, mergeConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import base from "./vitest.config.js";

/**
 * Fastest test files first (vitest's own order, reversed: it starts the slowest). Stryker stops a
 * mutant's run at its first failing test, so a mutant a quick unit test kills is not first made to
 * wait through the socket suites' retries and timeouts.
 */
class FastestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return (await super.sort(files)).reverse();
  }
}

/**
 * The test config `pnpm mutation` runs: the package's own, with a per-test timeout long enough that
 * a test slowed down by a loaded machine is not failed by vitest, which Stryker would count as a
 * killed mutant (or, in its first run, as a broken suite). Stryker's own timeout still catches
 * mutants that hang. A failed test is tried once more before it counts: the timing assertions
 * (a burst of 40 requests inside one 500 ms window) fail now and then on a loaded machine, which
 * would stop Stryker's first run or count a mutant as killed by load rather than by the test.
 */
export default mergeConfig(
  base,
  defineConfig({ test: { testTimeout: 60_000, retry: 1, sequence: { sequencer: FastestFirst } } }),
);
