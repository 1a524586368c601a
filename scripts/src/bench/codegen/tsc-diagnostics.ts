import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface TscRun {
  /** Wall time of the whole `tsc` process, ms. */
  wallMs: number;
  checkMs: number;
  totalMs: number;
  instantiations: number;
  types: number;
  memoryKb: number;
  errors: string[];
}

function field(output: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(output);
  return match ? Number(match[1]) : Number.NaN;
}

/** `tsc -p <project> --extendedDiagnostics`, timed from outside; diagnostics parsed from its report. */
export async function tscExtended(
  root: string,
  cwd: string,
  project: string,
  extraArgs: string[] = [],
): Promise<TscRun> {
  const started = performance.now();
  const { stdout } = await run(
    process.execPath,
    [join(root, "scripts/node_modules/typescript/bin/tsc"), "-p", project, "--extendedDiagnostics", ...extraArgs],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const wallMs = performance.now() - started;
  return {
    wallMs,
    checkMs: field(stdout, "Check time") * 1000,
    totalMs: field(stdout, "Total time") * 1000,
    instantiations: field(stdout, "Instantiations"),
    types: field(stdout, "Types"),
    memoryKb: field(stdout, "Memory used"),
    errors: stdout.split("\n").filter((line) => /error TS\d+/.test(line)),
  };
}
