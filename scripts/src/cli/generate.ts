/**
 * `pnpm generate [provider…] [--check]`
 *
 * Compiles every spec in specs/ (or the named ones) into packages/<provider>. All output is computed
 * in memory first: a bad spec or config fails the whole run before anything is written.
 * With --check, writes nothing and exits 1 naming each file that is stale.
 */

import { command, runCli } from "./run-cli.js";

const generate = command("generate", "Rewrite packages/<provider> from its spec in specs/.", [
  "pnpm generate",
  "pnpm generate --check   # CI: fail, naming stale files, if the output is out of date",
])
  .argument("[provider...]", "specs to compile, by name (default: every spec in specs/)")
  .option("--check", "write nothing; exit 1 naming each generated file that is stale");

runCli(generate, async (providers: string[], options: { check?: true }) => {
  const { runGenerate } = await import("../generate/run-generate.js");
  return runGenerate({ providers, check: options.check });
});
