/** `pnpm bench:remote-cache [--no-write]`: see lib/run-remote-cache-bench.ts and BENCHMARKS.md. */
import { runCli } from "../lib/run-cli.js";
import { runRemoteCacheBench } from "../lib/run-remote-cache-bench.js";

runCli("bench:remote-cache", runRemoteCacheBench);
