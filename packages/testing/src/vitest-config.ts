import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export interface PrismTestOptions {
  /** Spec file per provider name, relative to the package directory. */
  specs: Record<string, string>;
}

/** vitest config of a provider package: Prism mocks for its specs + the contract assertion. */
export function prismTestConfig({ specs }: PrismTestOptions) {
  return defineConfig({
    test: {
      include: ["test/**/*.test.ts"],
      globalSetup: [fileURLToPath(new URL("./prism-global-setup.js", import.meta.url))],
      setupFiles: [fileURLToPath(new URL("./contract-setup.js", import.meta.url))],
      provide: { prismSpecs: specs, prismUrls: {} },
      // Prism builds each mocked response from its schema; for the largest real schemas (Azure's) that
      // takes seconds, longer than vitest's default 5 s. Speed is measured in benchmarks, not here.
      testTimeout: 30_000,
      typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
      reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
    },
  });
}
