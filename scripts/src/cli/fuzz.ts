/** `pnpm fuzz [provider…] [--runs N] [--seed S] [--path P]`: see test-runners/run-fuzz.ts. */
import { InvalidArgumentError } from "commander";
import { command, runCli } from "./run-cli.js";

const integer = (minimum: number) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) throw new InvalidArgumentError(`expected an integer ≥ ${minimum}`);
  return number;
};

const fuzz = command(
  "fuzz",
  "Run providers' property tests (test/generated/property.test.ts, generated) against Prism with many generated inputs; a failure prints the shrunk input and how to replay it.",
  [
    "pnpm fuzz --runs 5000",
    "pnpm fuzz primeintellect --runs 20000 --seed 42",
    "pnpm fuzz modelslab --seed 1602 --path 4:0:0",
  ],
)
  .argument("[provider...]", "providers to fuzz, by name (default: every package with test/generated/property.test.ts)")
  .option("--runs <N>", "generated inputs per operation", integer(1), 1000)
  .option("--seed <S>", "fast-check's seed (default: a new one each run, printed)", integer(-(2 ** 31)))
  .option("--path <P>", "replay one counterexample: the path a failure printed (with its --seed)");

runCli(fuzz, async (providers: string[], options: { runs: number; seed?: number; path?: string }) => {
  const { runFuzz } = await import("../test-runners/run-fuzz.js");
  return runFuzz({ providers, ...options });
});
