import { join } from "node:path";
import { repoRoot } from "../shared/repo-paths.js";
import { REMOTE_CACHE_PACKAGE, startRemoteCache } from "./remote-cache.js";
import { updateBenchmarksFile } from "./shared/benchmarks-file.js";
import { cacheCounts, cloneEnv, headCommit, installedClone, runSuite, type SuiteRun } from "./shared/clone.js";
import { formatMs, markdownTable } from "./shared/format.js";
import { machineLine } from "./shared/machine.js";

function row(label: string, run: SuiteRun): string[] {
  const cache = cacheCounts(run.tasks);
  return [label, formatMs(run.ms), `${cache.hits}/${cache.total}`, String(cache.remote), run.totals];
}

export interface RemoteCacheBenchOptions {
  /** Leave BENCHMARKS.md alone. */
  noWrite?: boolean;
}

/**
 * `bench:remote-cache [--no-write]`: turbo remote caching against a real self-hosted cache server on
 * loopback. Clone A runs README's `pnpm test` with an empty cache and uploads every task's outputs;
 * clone B, fresh (no local cache), runs it again and should replay every generate/build/test task
 * from the server. Writes the `remote-cache` block of BENCHMARKS.md.
 */
export async function runRemoteCacheBench(
  { noWrite = false }: RemoteCacheBenchOptions,
  root: string = repoRoot,
): Promise<number> {
  const log = (line: string) => console.error(`[bench:remote-cache] ${line}`);
  log(`starting ${REMOTE_CACHE_PACKAGE} on 127.0.0.1`);
  const server = await startRemoteCache(root);
  const env = cloneEnv({ TURBO_API: server.url, TURBO_TOKEN: server.token, TURBO_TEAM: server.team });
  const commit = await headCommit(root);
  const runs: [string, SuiteRun][] = [];
  let failed = false;
  try {
    for (const label of ["A", "B"]) {
      log(`clone ${label}: cloning and installing`);
      const clone = await installedClone(root, `remote-cache-${label.toLowerCase()}`, commit);
      try {
        log(`clone ${label}: pnpm test (TURBO_API=${server.url})`);
        const run = await runSuite(clone.dir, env);
        if (run.exitCode !== 0) {
          failed = true;
          log(`clone ${label}: pnpm test failed:\n${run.output.slice(-3000)}`);
        }
        runs.push([label, run]);
      } finally {
        await clone.dispose();
      }
    }
  } finally {
    await server.stop();
  }
  const [a, b] = runs.map(([, run]) => run) as [SuiteRun, SuiteRun];
  const table = markdownTable(
    ["clone", "pnpm test wall", "cache hits", "from the remote", "totals"],
    [row("A (fresh clone, empty caches)", a), row("B (another fresh clone)", b)],
  );
  const tasks = markdownTable(
    ["clone B task", "cache"],
    b.tasks.map((task) => [task.taskId, `${task.status}${task.source ? ` (${task.source.toLowerCase()})` : ""}`]),
  );
  console.log(`${table}\n\n${tasks}`);
  const everyTaskRemote =
    b.tasks.length > 0 && b.tasks.every((task) => task.status === "HIT" && task.source === "REMOTE");
  if (!noWrite) {
    await updateBenchmarksFile(join(root, "BENCHMARKS.md"), [
      {
        id: "remote-cache",
        markdown: [
          `_${machineLine()}._`,
          "",
          `\`${REMOTE_CACHE_PACKAGE}\` on 127.0.0.1 (local storage in a temporary directory, bearer token), two fresh \`git clone\`s of the same commit (${commit.slice(0, 7)}), each \`pnpm install --frozen-lockfile --prefer-offline\` then \`pnpm test\` with \`TURBO_API\`, \`TURBO_TOKEN\` and \`TURBO_TEAM\` set. ${everyTaskRemote ? "Every task of clone B was replayed from the remote cache." : "Not every task of clone B came from the remote cache: see the list."}`,
          "",
          table,
          "",
          "<details><summary>clone B, task by task</summary>",
          "",
          tasks,
          "",
          "</details>",
        ].join("\n"),
      },
    ]);
  }
  return failed || !everyTaskRemote ? 1 : 0;
}
