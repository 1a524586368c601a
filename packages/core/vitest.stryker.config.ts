import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The test config `pnpm mutation` runs: the package's own, with a per-test timeout long enough that
 * a test slowed down by a loaded machine is not failed by vitest, which Stryker would count as a
 * killed mutant (or, in its first run, as a broken suite). Stryker's own timeout still catches
 * mutants that hang.
 */
export default mergeConfig(base, defineConfig({ test: { testTimeout: 60_000 } }));
