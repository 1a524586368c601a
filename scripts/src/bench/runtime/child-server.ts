import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

/**
 * Starts a bench server script (`scripts/src/bench/runtime/<script>`) in its own process, so it has its own
 * core; resolves with its URL, and `stop()`, which closes its stdin and resolves with what it printed after its port.
 */
export async function startChildServer(
  root: string,
  script: string,
  args: string[] = [],
): Promise<{ url: string; stop: () => Promise<string> }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, "scripts/src/bench/runtime", script), ...args], {
    cwd: join(root, "scripts"),
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const port = await new Promise<string>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.once("line", resolve);
  });
  const rest: string[] = [];
  lines.on("line", (line) => rest.push(line));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port.trim()}`,
    stop: async () => {
      child.stdin.end();
      await exited;
      return rest.join("\n");
    },
  };
}
