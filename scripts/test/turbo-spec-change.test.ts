import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/shared/repo-paths.js";
import { digestLine } from "../src/shared/sha256.js";
import { tempWorkspace } from "./temp-workspace.js";

// turbo caches a task by the hash of its inputs. A spec change must change the hashes of its own
// provider's generate → build → test (a cache miss: they run again) and of the packages that depend
// on that provider (scripts), and leave every other task's hash, the other provider's included,
// as it was (a cache hit: replayed). Checked with `turbo run test --dry=json`, which runs nothing.

const execFileAsync = promisify(execFile);
let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
beforeAll(async () => {
  workspace = await tempWorkspace();
});
afterAll(() => workspace.dispose());

interface DryRunTask {
  taskId: string;
  hash: string;
  inputs: Record<string, string>;
  cache: { status: string };
}

async function dryRun(): Promise<Map<string, DryRunTask>> {
  const env: NodeJS.ProcessEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", TURBO_NO_UPDATE_NOTIFIER: "1" };
  for (const name of ["TURBO_TOKEN", "TURBO_TEAM", "TURBO_API", "TURBO_REMOTE_ONLY"]) delete env[name]; // local hashes only
  const { stdout } = await execFileAsync(join(repoRoot, "node_modules/.bin/turbo"), ["run", "test", "--dry=json"], {
    cwd: workspace.root,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(stdout) as { tasks: DryRunTask[] };
  return new Map(report.tasks.map((task) => [task.taskId, task]));
}

/** Changes a spec's meaning and records its digest, as `pnpm specs:vendor` or `specs:sync` would. */
async function editSpec(provider: string, from: string, to: string) {
  const path = join(workspace.root, "specs", `${provider}.yaml`);
  const text = await readFile(path, "utf8");
  expect(text).toContain(from);
  const edited = text.replace(from, to);
  await writeFile(path, edited);
  await writeFile(`${path}.sha256`, digestLine(edited, `${provider}.yaml`));
}

function changedTasks(before: Map<string, DryRunTask>, after: Map<string, DryRunTask>): string[] {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  return [...after.values()]
    .filter((task) => before.get(task.taskId)?.hash !== task.hash)
    .map((task) => task.taskId)
    .sort();
}

describe("turbo: a spec change rebuilds and retests only its provider (and what depends on it)", () => {
  it.each([
    // @specsdk/mock's tests call the built Prime Intellect client (a task dependency in its turbo.json).
    // So do @specsdk/mcp's; each provider's MCP server is built from it.
    [
      "primeintellect",
      "modelslab",
      "summary: Delete User Image",
      "summary: Remove User Image",
      [
        "@specsdk/mock#test",
        "@specsdk/mcp#test",
        "@specsdk/primeintellect-mcp#build",
        "@specsdk/primeintellect-mcp#test",
      ],
    ],
    [
      "modelslab",
      "primeintellect",
      "description: Error message",
      "description: What went wrong",
      ["@specsdk/modelslab-mcp#build", "@specsdk/modelslab-mcp#test"],
    ],
  ])("editing specs/%s.yaml leaves %s's task hashes unchanged", async (changed, other, from, to, alsoChanged) => {
    const before = await dryRun();
    for (const task of ["generate", "build", "test"]) {
      expect(before.get(`@specsdk/${changed}#${task}`)?.cache.status).toBe("MISS"); // nothing is cached in the copy
    }
    expect(Object.keys(before.get(`@specsdk/${changed}#generate`)?.inputs ?? {})).toContain(
      `../../specs/${changed}.yaml`,
    );

    await editSpec(changed, from, to);
    const after = await dryRun();

    expect(changedTasks(before, after)).toEqual(
      [
        `@specsdk/${changed}#build`,
        `@specsdk/${changed}#generate`,
        `@specsdk/${changed}#test`,
        "@specsdk/scripts#build", // scripts' tests run against both providers, so they depend on both
        "@specsdk/scripts#test",
        ...alsoChanged,
      ].sort(),
    );
    for (const task of ["generate", "build", "test"]) {
      const id = `@specsdk/${other}#${task}`;
      expect(after.get(id)?.hash, id).toBe(before.get(id)?.hash);
    }
    for (const id of [
      "@specsdk/core#build",
      "@specsdk/core#test",
      "@specsdk/testing#build",
      "@specsdk/mock#build",
      "@specsdk/mcp#build",
      `@specsdk/${other}-mcp#build`,
    ]) {
      expect(after.get(id)?.hash, id).toBe(before.get(id)?.hash);
    }
  });
});
