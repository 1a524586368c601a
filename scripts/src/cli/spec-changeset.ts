/** `pnpm specs:changeset [provider…] [--base <rev>]`: see lib/run-spec-changeset.ts. */
import { command, runCli } from "../lib/run-cli.js";

const changeset = command(
  "specs:changeset",
  "Write a changeset for each provider whose spec changed since a git revision, with the bump its API change deserves.",
  ["pnpm specs:changeset", "pnpm specs:changeset modelslab --base main"],
)
  .argument("[provider...]", "specs to compare, by name (default: every spec in specs/)")
  .option("--base <rev>", "the git revision to compare each spec with", "HEAD");

runCli(changeset, async (providers: string[], options: { base: string }) => {
  const { runSpecChangeset } = await import("../lib/run-spec-changeset.js");
  return runSpecChangeset({ providers, base: options.base });
});
