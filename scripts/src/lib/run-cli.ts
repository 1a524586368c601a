import { SpecError } from "./spec-error.js";

/**
 * Runs a command's main function with its arguments (`--debug` taken out): a known problem prints
 * one `file:line:col` line, anything else one line naming it; the stack only with `--debug`.
 */
export function runCli(command: string, main: (argv: string[]) => Promise<number>): void {
  const argv = process.argv.slice(2);
  const debug = argv.includes("--debug");
  main(argv.filter((arg) => arg !== "--debug")).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (debug) console.error(error);
      else if (error instanceof SpecError) console.error(`${command}: ${error.message}`);
      else {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        console.error(`${command}: unexpected error: ${message.split("\n")[0]} (run again with --debug for the stack)`);
      }
      process.exitCode = 1;
    },
  );
}
