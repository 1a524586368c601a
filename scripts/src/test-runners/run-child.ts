import { type SpawnOptions, spawn } from "node:child_process";

/**
 * Runs `node <args>` with the output on this terminal, forwarding Ctrl-C and SIGTERM to it, and
 * resolves to its exit code (1 when a signal ended it).
 */
export function runNodeChild(args: string[], options: SpawnOptions): Promise<number> {
  return new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", ...options });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward).on("SIGTERM", forward);
    child.on("close", (exit, signal) => {
      process.off("SIGINT", forward).off("SIGTERM", forward);
      resolve(exit ?? (signal ? 1 : 0));
    });
  });
}
