/** `pnpm changeset:api [package…] [--base <rev>]` (alias `pnpm specs:changeset`): see changeset/run-changeset-api.ts. */
import { command, runCli } from "./run-cli.js";

const changeset = command(
  "changeset:api",
  "Write a changeset for each package whose API surface or spec changed since its last release, with the bump the change deserves.",
  ["pnpm changeset:api", "pnpm changeset:api modelslab core --base main", "pnpm specs:changeset   # the same command"],
)
  .argument("[package...]", "packages to compare, by folder or name (default: every published package)")
  .option(
    "--base <rev>",
    "compare with this git revision (default: the npm version, else the last tag, else origin/main or HEAD)",
  )
  .option("--no-registry", "do not ask the npm registry for the released version");

runCli(changeset, async (packages: string[], options: { base?: string; registry: boolean }) => {
  const { runChangesetApi } = await import("../changeset/run-changeset-api.js");
  return runChangesetApi({ packages, base: options.base, registry: options.registry });
});
