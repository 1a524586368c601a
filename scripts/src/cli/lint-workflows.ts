/** `pnpm lint:workflows`: see lib/run-lint-workflows.ts. */
import { runCli } from "../lib/run-cli.js";
import { runLintWorkflows } from "../lib/run-lint-workflows.js";

runCli("lint:workflows", runLintWorkflows);
