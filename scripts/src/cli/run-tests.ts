/** `pnpm test [turbo args…]`: see test-runners/run-tests.ts. */
import { command, runCli } from "./run-cli.js";

const test = command(
  "test",
  "Run every package's tests through turbo (cached when nothing changed) and print one line of totals.",
  ["pnpm test", "pnpm test -- --filter @specsdk/primeintellect   # one package's tests"],
)
  .argument("[turbo-args...]", "passed on to `turbo run test` (a leading `--` is dropped)")
  // Options we do not declare are turbo's (`--filter`, `--force`, …): they are passed on, not refused.
  .allowUnknownOption();

runCli(test, async (turboArgs: string[]) => {
  const { runTests } = await import("../test-runners/run-tests.js");
  return runTests(turboArgs);
});
