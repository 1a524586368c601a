/** `pnpm specs:sync [provider…] [--check] [--from <url>]`: see lib/run-sync.ts. */
import { runCli } from "../lib/run-cli.js";
import { runSync } from "../lib/run-sync.js";

runCli("specs:sync", runSync);
