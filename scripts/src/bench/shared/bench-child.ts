import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Runs a bench script (`scripts/src/bench/<script>`, e.g. `codegen/generate-child.ts`) in a fresh Node process through tsx, so what it
 * measures starts cold and has the process to itself; returns the JSON object its last line prints.
 */
export async function benchChild<T>(root: string, script: string, args: string[], nodeOptions: string[] = []) {
  const { stdout } = await run(
    process.execPath,
    [...nodeOptions, "--import", "tsx", join(root, "scripts/src/bench", script), ...args],
    { cwd: join(root, "scripts"), maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as T;
}
