import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { exec } from "../src/shared/exec.js";

/** Running, as opposed to gone or a zombie waiting for its (re-)parent to reap it. */
function running(pid: number): boolean {
  try {
    return !execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" })
      .trim()
      .startsWith("Z");
  } catch {
    return false;
  }
}

describe("exec", () => {
  it("kills the whole process tree at its limit, so a grandchild holding the pipes cannot keep it open", async () => {
    // sh starts a grandchild that inherits stdout and prints its pid, then waits on it.
    const started = performance.now();
    const result = await exec("sh", ["-c", "sleep 60 & echo $!; wait"], { cwd: process.cwd(), timeoutMs: 500 });
    const elapsed = performance.now() - started;
    const grandchild = Number(result.stdout.trim());
    expect(result.stderr).toContain("[killed after 500 ms]");
    expect(elapsed).toBeLessThan(30_000);
    expect(grandchild).toBeGreaterThan(0);
    expect(running(grandchild)).toBe(false);
  });

  it("returns the exit code and output of a command that finishes", async () => {
    const result = await exec("sh", ["-c", "echo out; echo err >&2; exit 3"], { cwd: process.cwd() });
    expect(result).toEqual({ code: 3, stdout: "out\n", stderr: "err\n" });
  });
});
