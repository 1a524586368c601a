/** `pnpm test:live [provider…]`: see lib/run-live-tests.ts. */
import { runCli } from "../lib/run-cli.js";
import { runLiveTests } from "../lib/run-live-tests.js";

runCli("test:live", runLiveTests);
