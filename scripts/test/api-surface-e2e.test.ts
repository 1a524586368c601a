import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeWorktree } from "../src/changeset/baseline.js";
import { runChangesetApi } from "../src/changeset/run-changeset-api.js";
import { repoRoot } from "../src/lib/repo-paths.js";

const run = promisify(execFile);

// End to end on a temporary copy of the repository (a git worktree of HEAD, so the baseline is a real
// revision): a provider.config.json change the spec cannot show, regenerated and rebuilt, gets a
// changeset from the API surface alone. Slow (two installs and builds): about two minutes.

let tree: string;
beforeAll(async () => {
  tree = join(await mkdtemp(join(tmpdir(), "specsdk-api-e2e-")), "repo");
  await run("git", ["worktree", "add", "--detach", "--quiet", tree, "HEAD"], { cwd: repoRoot });
  await run("pnpm", ["install", "--offline", "--frozen-lockfile"], { cwd: tree, env: { ...process.env, CI: "1" } });
}, 300_000);
afterAll(() => removeWorktree(repoRoot, tree), 60_000);

describe("changeset:api on a temporary copy", () => {
  it("modelslab's deleteImage no longer idempotent (provider.config.json) → a patch changeset naming it", async () => {
    const configPath = join(tree, "packages/modelslab/provider.config.json");
    const config = JSON.parse(await readFile(configPath, "utf8")) as Record<string, unknown>;
    expect(config.idempotentOperations).toEqual(["deleteImage"]);
    delete config.idempotentOperations;
    await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
    await run(process.execPath, ["--import", "tsx", "scripts/src/cli/generate.ts", "modelslab"], { cwd: tree });
    await run("pnpm", ["--filter", "@specsdk/modelslab...", "run", "build"], { cwd: tree });

    const logged: string[] = [];
    const log = console.log;
    console.log = (line: string) => logged.push(line);
    let code: number;
    try {
      code = await runChangesetApi({ packages: ["modelslab", "core"], base: "HEAD" }, tree);
    } finally {
      console.log = log;
    }
    expect(code).toBe(0);
    expect(logged).toContain("packages/core: API surface and spec unchanged since revision `HEAD`");
    const written = (await readdir(join(tree, ".changeset"))).filter((name) => name.startsWith("modelslab-api-"));
    expect(written).toHaveLength(1);
    expect(await readFile(join(tree, ".changeset", written[0] as string), "utf8")).toBe(
      [
        "---",
        '"@specsdk/modelslab": patch',
        "---",
        "",
        "API surface, compared with revision `HEAD`:",
        "",
        "- `deleteImage()`: retried after a connection failure (idempotent) `true` → `false` (minor)",
        "",
      ].join("\n"),
    );

    // A second run finds the file and writes nothing new.
    console.log = (line: string) => logged.push(line);
    try {
      expect(await runChangesetApi({ packages: ["modelslab"], base: "HEAD" }, tree)).toBe(0);
    } finally {
      console.log = log;
    }
    expect(logged.at(-1)).toBe(`packages/modelslab: .changeset/${written[0]} already exists; not rewritten`);
  }, 600_000);
});
