/** `pnpm bench:remote-cache [--no-write]`: see bench/run-remote-cache-bench.ts and BENCHMARKS.md. */
import { command, runCli } from "./run-cli.js";

const benchRemoteCache = command(
  "bench:remote-cache",
  "Measure turbo remote caching: two fresh clones run `pnpm test` against a self-hosted cache server on loopback.",
  ["pnpm bench:remote-cache", "pnpm bench:remote-cache --no-write"],
).option("--no-write", "print the tables, leave BENCHMARKS.md alone");

runCli(benchRemoteCache, async (options: { write: boolean }) => {
  const { runRemoteCacheBench } = await import("../bench/run-remote-cache-bench.js");
  return runRemoteCacheBench({ noWrite: !options.write });
});
