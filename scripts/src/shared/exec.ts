// Kept, not execa/tinyexec: on timeout they kill only the direct child; this kills the tree (pnpm → vitest → Prism).
import { execFileSync, spawn } from "node:child_process";

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the command and every process it started after this long (default 5 minutes). */
  timeoutMs?: number;
}

/** Runs a command without a shell and collects its output; never rejects for a non-zero exit. */
export function exec(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timeoutMs = options.timeoutMs ?? 300_000;
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${timeoutMs} ms]`;
      if (child.pid !== undefined) killTree(child.pid);
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${command}: ${error.message}`, { cause: error }));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * SIGKILLs a process and all its descendants. Killing only the direct child (pnpm) leaves its
 * grandchildren (vitest, Prism) running with our pipes open, so the command never "closes".
 * The tree comes from `ps`, which Linux and macOS both have; a process group would also stop
 * Ctrl-C from reaching the children.
 */
function killTree(rootPid: number): void {
  const children = new Map<number, number[]>();
  try {
    for (const line of execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" }).split("\n")) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (pid && ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    }
  } catch {
    // No `ps`: kill what we can name.
  }
  const tree = [rootPid];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index] as number) ?? []));
  for (const pid of tree) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** Like `exec`, but a non-zero exit is an error that shows the command and the end of its output. */
export async function execOrThrow(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  const result = await exec(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `\`${[command, ...args].join(" ")}\` in ${options.cwd} exited with ${result.code}:\n${tail(`${result.stdout}\n${result.stderr}`)}`,
    );
  }
  return result;
}
