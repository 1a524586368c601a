import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exec, execOrThrow } from "../../shared/exec.js";

export interface TaskCache {
  taskId: string;
  /** HIT or MISS. */
  status: string;
  /** LOCAL or REMOTE for a hit. */
  source: string | undefined;
}

export interface SuiteRun {
  ms: number;
  exitCode: number | null;
  /** The suite's `N passed, N failed` line. */
  totals: string;
  tasks: TaskCache[];
  output: string;
}

/** Environment for a clone's commands: this process's, minus any turbo remote-cache settings, plus `extra`. */
export function cloneEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^TURBO_/.test(name)));
  return { ...env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", FORCE_COLOR: "0", ...extra };
}

/**
 * `git clone` of the repository's committed HEAD (or `commit`) into a temporary directory, installed offline-first
 * from pnpm's store. The consumer test's downloaded Node binaries are linked from this checkout's
 * cache so a clone does not fetch ~370 MB again. Returns the install time too.
 */
export async function installedClone(
  root: string,
  label: string,
  commit?: string,
): Promise<{ dir: string; installMs: number; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `specsdk-${label}-`));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    await execOrThrow("git", ["clone", "--quiet", "--no-checkout", root, dir], { cwd: tmpdir() });
    // In the new clone only: the given commit (so two clones compare the same tree), else HEAD.
    await execOrThrow("git", ["switch", "--quiet", "--detach", commit ?? "HEAD"], { cwd: dir });
    const started = performance.now();
    await execOrThrow("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"], {
      cwd: dir,
      env: cloneEnv(),
      timeoutMs: 600_000,
    });
    const installMs = performance.now() - started;
    await mkdir(join(dir, "node_modules/.cache"), { recursive: true });
    await symlink(
      join(root, "node_modules/.cache/specsdk-node"),
      join(dir, "node_modules/.cache/specsdk-node"),
      "dir",
    ).catch(() => undefined);
    return { dir, installMs, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function newestRunSummary(dir: string): Promise<TaskCache[]> {
  const runs = join(dir, ".turbo/runs");
  const files = (await readdir(runs).catch(() => [] as string[])).filter((file) => file.endsWith(".json")).sort();
  const newest = files.at(-1);
  if (!newest) return [];
  const summary = JSON.parse(await readFile(join(runs, newest), "utf8")) as {
    tasks?: { taskId: string; cache?: { status?: string; source?: string } }[];
  };
  return (summary.tasks ?? []).map((task) => ({
    taskId: task.taskId,
    status: task.cache?.status ?? "?",
    source: task.cache?.source,
  }));
}

/** `pnpm test --summarize` in a clone (README's test command; turbo writes its run summary), timed. */
export async function runSuite(dir: string, env: NodeJS.ProcessEnv): Promise<SuiteRun> {
  const started = performance.now();
  const result = await exec("pnpm", ["test", "--summarize"], { cwd: dir, env, timeoutMs: 1_200_000 });
  const ms = performance.now() - started;
  const output = `${result.stdout}\n${result.stderr}`;
  const totals = output.match(/^\d+ passed, \d+ failed.*$/m)?.[0] ?? "(no totals line)";
  return { ms, exitCode: result.code, totals, tasks: await newestRunSummary(dir), output };
}

export function cacheCounts(tasks: TaskCache[]): { hits: number; total: number; remote: number } {
  return {
    hits: tasks.filter((task) => task.status === "HIT").length,
    total: tasks.length,
    remote: tasks.filter((task) => task.status === "HIT" && task.source === "REMOTE").length,
  };
}

/** The commit HEAD points to now: clones made later in a run must not pick up newer commits. */
export async function headCommit(root: string): Promise<string> {
  return (await execOrThrow("git", ["rev-parse", "HEAD"], { cwd: root })).stdout.trim();
}
