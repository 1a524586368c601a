/** `pnpm changeset:check [--base <rev>]`: see changeset/check-changeset.ts. */
import { command, runCli } from "./run-cli.js";

const check = command(
  "changeset:check",
  "Fail when a package's API surface or spec changed since a git revision without a changeset that covers it.",
  ["pnpm changeset:check", "pnpm changeset:check --base main"],
).option("--base <rev>", "the git revision to compare with (default: origin/main, else HEAD)");

runCli(check, async (options: { base?: string }) => {
  const { runChangesetCheck } = await import("../changeset/check-changeset.js");
  return runChangesetCheck({ base: options.base });
});
