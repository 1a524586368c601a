/**
 * `pnpm generate [provider…] [--check]`
 *
 * Compiles every spec in specs/ (or the named ones) into packages/<provider>. All output is computed
 * in memory first: a bad spec or config fails the whole run before anything is written.
 * With --check, writes nothing and exits 1 naming each file that is stale.
 */

import { runCli } from "../lib/run-cli.js";
import { runGenerate } from "../lib/run-generate.js";

runCli("generate", runGenerate);
