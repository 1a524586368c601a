/** `pnpm test [turbo args…]`: see lib/run-tests.ts. */
import { runCli } from "../lib/run-cli.js";
import { runTests } from "../lib/run-tests.js";

runCli("test", runTests);
