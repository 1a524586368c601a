import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { LIVE_ENV } from "./live-env.js";
import type {} from "./prism-global-setup.js"; // the ProvidedContext declaration

/**
 * vitest config for a provider package's live contract tests (`test/live/*.live.ts`, a pattern
 * `pnpm test` never matches). `prismUrl(provider)` answers the proxy in front of the real API, and
 * the contract assertion fails any test whose responses Prism flagged with `sl-violations`.
 */
export default defineConfig({
  test: {
    include: ["test/live/**/*.live.ts"],
    setupFiles: [fileURLToPath(new URL("./live-contract-setup.js", import.meta.url))],
    provide: { prismSpecs: {}, prismUrls: JSON.parse(process.env[LIVE_ENV.prismUrls] ?? "{}") },
    // Real APIs are slower than a mock; one file at a time keeps within rate limits.
    testTimeout: 60_000,
    fileParallelism: false,
    reporters: process.env[LIVE_ENV.results]
      ? ["default", ["json", { outputFile: process.env[LIVE_ENV.results] }]]
      : ["default"],
  },
});
