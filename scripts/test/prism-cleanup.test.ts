import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../src/shared/repo-paths.js";

/** Processes still alive in a process group (the test run and anything it started). */
function survivors(processGroup: number): string[] {
  const table = execFileSync("ps", ["-eo", "pgid=,pid=,args="], { encoding: "utf8" });
  return table
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`${processGroup} `));
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

describe("interrupting a contract test run", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s while Prism is up leaves no process behind",
    async (signal) => {
      const vitest = join(repoRoot, "scripts/node_modules/vitest/vitest.mjs");
      // Its own process group, so everything it starts can be found (and cleaned up) afterwards.
      const child = spawn(process.execPath, [vitest, "run", "--root", join(repoRoot, "packages/primeintellect")], {
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, FORCE_COLOR: "0" },
      });
      const group = child.pid as number;
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      try {
        // Test files only start once the global setup has Prism listening.
        expect(await waitFor(() => /contract\.test\.ts|resilience\.test\.ts|✓/.test(output), 60_000)).toBe(true);
        process.kill(-group, signal);
        await exited;
        expect(await waitFor(() => survivors(group).length === 0, 10_000), survivors(group).join("\n")).toBe(true);
      } finally {
        if (survivors(group).length > 0) process.kill(-group, "SIGKILL");
      }
    },
    90_000,
  );
});
