import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generator tests spawn tsc and openapi-typescript on temp copies of the repo.
    testTimeout: 120_000,
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
  },
});
