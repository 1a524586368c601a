import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The tests serve a real provider client. @specsdk/primeintellect is not a dependency of this package:
 * turbo would then rebuild the MCP runtime, and every provider's MCP server, whenever that one spec
 * changes. Its build is aliased here and in tsconfig.json `paths`, and turbo.json makes this package's
 * test and typecheck wait for it (as @specsdk/mock does).
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
