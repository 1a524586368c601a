import { SpecError } from "./spec-error.js";

/** Runs a command's main function: known problems print one clear line, exit codes pass through. */
export function runCli(command: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof SpecError ? `${command}: ${error.message}` : error);
      process.exitCode = 1;
    },
  );
}
