/** `pnpm bench [--only <sections>] [--quick] [--no-write]`: see lib/run-bench.ts and BENCHMARKS.md. */

import { runBench } from "../lib/run-bench.js";
import { runCli } from "../lib/run-cli.js";

runCli("bench", runBench);
