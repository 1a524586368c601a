import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The tests call the mock with a real provider client. @specsdk/primeintellect cannot be a dependency of
 * this package (provider →dev @specsdk/testing → @specsdk/mock would be a cycle, which turbo refuses), so
 * its build is aliased here and in tsconfig.json `paths`, and turbo.json makes this package's test and
 * typecheck wait for that build.
 */
const primeIntellect = fileURLToPath(new URL("../primeintellect/dist/index.js", import.meta.url));

export default defineConfig({
  resolve: { alias: { "@specsdk/primeintellect": primeIntellect } },
  test: {
    include: ["test/**/*.test.ts"],
    // Loading Prism's modules takes seconds on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
  },
});
