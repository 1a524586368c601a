/** `pnpm specs:changeset [provider…] [--base <rev>]`: see lib/run-spec-changeset.ts. */
import { runCli } from "../lib/run-cli.js";
import { runSpecChangeset } from "../lib/run-spec-changeset.js";

runCli("specs:changeset", runSpecChangeset);
