/** `pnpm specs:sync [provider…] [--check] [--from <url>]`: see sync/run-sync.ts. */
import { command, runCli } from "./run-cli.js";

const sync = command(
  "specs:sync",
  "Update each vendored spec from the upstream document its provider.config.json names.",
  [
    "pnpm specs:sync",
    "pnpm specs:sync --check   # scheduled job: exit 1 when any upstream differs",
    "pnpm specs:sync primeintellect --from https://example.com/openapi.json",
  ],
)
  .argument("[provider...]", "specs to sync, by name (default: every spec with an upstream)")
  .option("--check", "write nothing; exit 1 when any upstream differs")
  .option(
    "--from <url>",
    "fetch from this URL instead of upstream.url (one provider only; SPECSDK_UPSTREAM_<PROVIDER> also overrides it)",
  );

runCli(sync, async (providers: string[], options: { check?: true; from?: string }) => {
  const { runSync } = await import("../sync/run-sync.js");
  return runSync({ providers, check: options.check, from: options.from });
});
