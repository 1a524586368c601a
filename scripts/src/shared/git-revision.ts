// Node's promisified execFile is the process library here (one git call, stdout, stderr); tinyexec/execa add nothing.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Whether `rev` names a commit in the repository at `root`. */
export async function isCommit(root: string, rev: string): Promise<boolean> {
  try {
    await run("git", ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { cwd: root });
    return true;
  } catch {
    return false;
  }
}

/**
 * A file's content at a revision (`git show <rev>:<path>`), or undefined when the file does not
 * exist there. `path` is relative to `root`. Other git failures throw.
 */
export async function fileAtRevision(root: string, rev: string, path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", ["show", `${rev}:./${path}`], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "");
    if (/does not exist in|exists on disk, but not in/.test(stderr)) return undefined;
    throw new Error(`git show ${rev}:${path} failed: ${stderr.trim() || (error as Error).message}`);
  }
}
