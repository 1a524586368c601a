/** `pnpm bench [--only <sections>] [--quick] [--no-write] [--base <rev>] [--no-profile] [--rounds <n>]`: see bench/run-bench.ts and BENCHMARKS.md. */

import { command, runCli } from "./run-cli.js";

const bench = command(
  "bench",
  "Run the benchmarks one section after another and rewrite their tables in BENCHMARKS.md.",
  ["pnpm bench --only calls,size", "pnpm bench --quick --no-write   # smoke run"],
)
  .option(
    "--only <sections>",
    "comma-separated sections to run: calls, loopback, stream, throughput, size, codegen, suite, scale (default: all)",
  )
  .option("--quick", "fewer rounds and smaller inputs: a smoke run, not numbers to publish")
  .option("--no-write", "print the tables, leave BENCHMARKS.md alone")
  .option("--base <rev>", "calls: also measure core's runtime as of this git revision, side by side")
  .option("--no-profile", "calls: skip the CPU profiles")
  .option(
    "--rounds <n>",
    "scale: time each count's commands n times (default 3; cold builds of 50+ providers at most 2)",
  );

interface Options {
  only?: string;
  quick?: true;
  write: boolean;
  base?: string;
  profile: boolean;
  rounds?: string;
}

runCli(bench, async (options: Options) => {
  const rounds = options.rounds === undefined ? undefined : Number(options.rounds);
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1)) {
    console.error(`bench: --rounds takes a whole number of at least 1, not ${JSON.stringify(options.rounds)}`);
    return 2;
  }
  const { runBench } = await import("../bench/run-bench.js");
  return runBench({
    only: options.only,
    quick: options.quick,
    noWrite: !options.write,
    base: options.base,
    noProfile: !options.profile,
    ...(rounds === undefined ? {} : { rounds }),
  });
});
