import { Command, CommanderError } from "commander";
import { SpecError } from "../shared/spec-error.js";

/**
 * Declares `pnpm <name>`: its one-line description and the examples that end its `--help`. Add its
 * arguments and options (each with its help text and default) to the result, then hand it to runCli.
 */
export function command(name: string, description: string, examples: string[]): Command {
  return new Command(name)
    .description(description)
    .helpOption("-h, --help", "show this help")
    .configureHelp({ commandUsage: (cmd) => `pnpm ${cmd.name()} ${cmd.usage()}` })
    .addHelpText("after", `\nExamples:\n${examples.map((example) => `  ${example}`).join("\n")}`);
}

/**
 * Parses this process's arguments against the declaration and runs `action` with the declared
 * arguments, then the options object, as commander passes them; it resolves to the exit code.
 * `action` imports the command's code itself, so `--help` loads none of it (fast, and it works
 * even while that code is broken).
 *
 * - `--help`/`-h` prints the help and exits 0.
 * - A usage mistake (unknown option, missing argument) prints commander's message on one line, exit 1.
 * - A known problem (SpecError) prints one `file:line:col` line, anything else one line naming it;
 *   the stack only with `--debug`, which every command takes.
 */
export function runCli(declaration: Command, action: (...args: never[]) => Promise<number>): void {
  const name = declaration.name();
  declaration
    .option("--debug", "on an unexpected error, print its stack")
    // Errors come back to us as a CommanderError instead of commander calling process.exit.
    .exitOverride()
    .configureOutput({
      outputError: (message, write) => write(`${name}: ${message.trim().replace(/\s*\n\s*/g, " ")} (see --help)\n`),
    })
    .action(async (...args: unknown[]) => {
      process.exitCode = await action(...(args as never[]));
    });
  declaration.parseAsync(process.argv.slice(2), { from: "user" }).catch((error: unknown) => {
    if (error instanceof CommanderError) {
      // Help was shown (exit 0) or a usage mistake already reported (exit 1).
      process.exitCode = error.exitCode;
      return;
    }
    if (declaration.opts().debug) console.error(error);
    else if (error instanceof SpecError) console.error(`${name}: ${error.message}`);
    else {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      console.error(`${name}: unexpected error: ${message.split("\n")[0]} (run again with --debug for the stack)`);
    }
    process.exitCode = 1;
  });
}
