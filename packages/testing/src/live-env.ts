/** Environment variables through which `pnpm test:live` (scripts/src/live/run-live-tests.ts) configures live-vitest-config. */
export const LIVE_ENV = {
  /** JSON `{ provider: url }` of the Prism proxies the runner started; `{}` when no API key is set. */
  prismUrls: "SPECSDK_LIVE_PRISM_URLS",
  /** Where vitest writes its JSON report, for the runner's totals. */
  results: "SPECSDK_LIVE_RESULTS",
} as const;
