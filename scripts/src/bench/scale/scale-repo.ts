import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { exec, execOrThrow } from "../../shared/exec.js";
import { cloneEnv } from "../shared/clone.js";
import type { CorpusProvider } from "./scale-corpus.js";

export async function addProvider(dir: string, provider: CorpusProvider): Promise<void> {
  for (const [path, content] of provider.files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

export async function removeProvider(dir: string, name: string): Promise<void> {
  await rm(join(dir, "specs", `${name}.yaml`), { force: true });
  await rm(join(dir, "specs", `${name}.yaml.sha256`), { force: true });
  await rm(join(dir, "packages", name), { recursive: true, force: true });
}

/** Back to the hand-written config (and the installed node_modules), so the next `generate` writes the whole package. */
export async function clearGenerated(dir: string, name: string): Promise<void> {
  const packageDir = join(dir, "packages", name);
  for (const entry of await readdir(packageDir)) {
    if (entry !== "provider.config.json" && entry !== "node_modules") {
      await rm(join(packageDir, entry), { recursive: true, force: true });
    }
  }
}

export interface PnpmRun {
  ms: number;
  /** User + system CPU time of the whole process tree (GNU time), NaN without it. */
  cpuMs: number;
  /** Peak RSS of the tree's largest process (GNU time), NaN without it. */
  maxRssBytes: number;
  code: number | null;
  output: string;
  /** Turbo's `Cached: N cached, M total` line, when it printed one. */
  cached?: { hits: number; total: number };
}

const GNU_TIME = "/usr/bin/time";
let gnuTime: Promise<boolean> | undefined;

/** GNU time reports CPU time and peak memory of a command and all it waited for; BSD/macOS time has no -f. */
function hasGnuTime(): Promise<boolean> {
  gnuTime ??= exec(GNU_TIME, ["-f", "%e", "true"], { cwd: tmpdir() }).then(
    (result) => result.code === 0,
    () => false,
  );
  return gnuTime;
}

/**
 * `<command> <args>` in the repo, wall time from outside (pnpm's and turbo's start-up included: what a
 * developer waits for); CPU time too, which a busy shared machine inflates much less than wall time.
 */
export async function timed(dir: string, command: string, args: string[], timeoutMs = 3_600_000): Promise<PnpmRun> {
  const report = join(dir, "node_modules/.bench-time");
  const gnu = await hasGnuTime();
  const started = performance.now();
  const result = await exec(gnu ? GNU_TIME : command, gnu ? ["-o", report, "-f", "%U %S %M", command, ...args] : args, {
    cwd: dir,
    env: cloneEnv(),
    timeoutMs,
  });
  const ms = performance.now() - started;
  // GNU time's last line is ours; a line before it says when the command failed.
  const last = gnu ? (await readFile(report, "utf8")).trim().split("\n").at(-1) : undefined;
  const [user = Number.NaN, system = Number.NaN, rssKb = Number.NaN] = last?.split(" ").map(Number) ?? [];
  const output = `${result.stdout}\n${result.stderr}`;
  const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(output);
  return {
    ms,
    cpuMs: (user + system) * 1000,
    maxRssBytes: rssKb * 1024,
    code: result.code,
    output,
    ...(match ? { cached: { hits: Number(match[1]), total: Number(match[2]) } } : {}),
  };
}

export const pnpm = (dir: string, args: string[]) => timed(dir, "pnpm", args);

export async function pnpmOrThrow(dir: string, args: string[]): Promise<PnpmRun> {
  const run = await pnpm(dir, args);
  if (run.code !== 0)
    throw new Error(`\`pnpm ${args.join(" ")}\` exited with ${run.code}:\n${run.output.slice(-3000)}`);
  return run;
}

/** Commits everything in the temporary repo: a real monorepo has its providers committed, and turbo hashes committed files from git's index. */
export async function commitAll(dir: string, message: string): Promise<void> {
  const identity = ["-c", "user.name=specsdk bench", "-c", "user.email=bench@localhost"];
  await execOrThrow("git", ["add", "-A"], { cwd: dir });
  await execOrThrow("git", [...identity, "commit", "--quiet", "--allow-empty", "-m", message], { cwd: dir });
}

/** Packages with a failed task in turbo's newest run summary (`--summarize` writes .turbo/runs/<id>.json). */
export async function failedPackages(dir: string): Promise<Set<string>> {
  const runs = join(dir, ".turbo/runs");
  const newest = (await readdir(runs))
    .filter((file) => file.endsWith(".json"))
    .sort()
    .at(-1);
  if (!newest) return new Set();
  const summary = JSON.parse(await readFile(join(runs, newest), "utf8")) as {
    tasks?: { package: string; execution?: { exitCode: number | null } }[];
  };
  return new Set(
    (summary.tasks ?? []).filter((task) => (task.execution?.exitCode ?? 0) !== 0).map((task) => task.package),
  );
}
