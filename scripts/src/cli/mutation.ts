/** `pnpm mutation [core] [--mutate <files>] [--force]`: see test-runners/run-mutation.ts. */
import { InvalidArgumentError } from "commander";
import { command, runCli } from "./run-cli.js";

const TARGETS = ["core", "emitters"] as const;

const target = (value: string, previous: string[] = []) => {
  if (!(TARGETS as readonly string[]).includes(value))
    throw new InvalidArgumentError(`expected ${TARGETS.join(" or ")}`);
  return [...previous, value];
};

const mutation = command(
  "mutation",
  "Mutation testing with StrykerJS (one test runner, incremental): mutates the code, runs its tests, prints the mutation score. Slow; not part of pnpm test.",
  ["pnpm mutation", "pnpm mutation core --mutate src/safe-path.ts", "pnpm mutation emitters", "pnpm mutation --force"],
)
  .argument("[target...]", `what to mutate: ${TARGETS.join(", ")} (default: core)`, target)
  .option("--mutate <files>", "only these files: a glob relative to the target's package (src/transport.ts)")
  .option("--force", "ignore the incremental report: test every mutant again");

runCli(
  mutation,
  async (targets: (typeof TARGETS)[number][] | undefined, options: { mutate?: string; force?: boolean }) => {
    const { runMutation } = await import("../test-runners/run-mutation.js");
    return runMutation({ targets: targets && targets.length > 0 ? targets : ["core"], ...options });
  },
);
