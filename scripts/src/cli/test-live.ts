/** `pnpm test:live [provider…]`: see live/run-live-tests.ts. */
import { command, runCli } from "./run-cli.js";

const testLive = command(
  "test:live",
  "Run providers' live contract tests against the real API through a Prism proxy (skipped without an API key).",
  ["pnpm test:live", "PRIME_API_KEY=… pnpm test:live primeintellect"],
).argument("[provider...]", "providers to test, by name (default: every spec in specs/)");

runCli(testLive, async (providers: string[]) => {
  const { runLiveTests } = await import("../live/run-live-tests.js");
  return runLiveTests({ providers });
});
