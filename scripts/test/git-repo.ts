import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs git in `root` with a fixed identity, so tests do not depend on the machine's git config. */
export async function git(root: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    "git",
    ["-c", "user.name=specsdk test", "-c", "user.email=test@specsdk.invalid", ...args],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  return stdout;
}

/** Makes `root` a git repository whose only commit holds every file in it. */
export async function initGitRepo(root: string): Promise<void> {
  await git(root, "init", "--quiet", "--initial-branch=main");
  await commitAll(root, "initial");
}

export async function commitAll(root: string, message: string): Promise<void> {
  await git(root, "add", "--all");
  await git(root, "commit", "--quiet", "--allow-empty", "-m", message);
}
