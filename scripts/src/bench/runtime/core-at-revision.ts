import { execFile } from "node:child_process";
import { access, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { fileAtRevision } from "../../shared/git-revision.js";

const run = promisify(execFile);

/** `createProviderClient` as any revision of core exports it (typed loosely: shapes differ between revisions). */
export type AnyCreateProviderClient = (provider: unknown, options: Record<string, unknown>) => any;

/**
 * Builds packages/core/src as it was at `rev` into packages/core/node_modules/.cache/ (so its
 * `openapi-fetch` import resolves to core's own) and loads it, for a before/after comparison of
 * the runtime in one process: `pnpm bench --only calls --base <rev>`.
 */
export async function coreAtRevision(
  root: string,
  rev: string,
): Promise<{ sha: string; createProviderClient: AnyCreateProviderClient }> {
  const sha = (await run("git", ["rev-parse", "--verify", `${rev}^{commit}`], { cwd: root })).stdout.trim();
  const dir = join(root, "packages/core/node_modules/.cache/specsdk-bench-base", sha);
  const entry = join(dir, "dist/index.js");
  const built = await access(entry).then(
    () => true,
    () => false,
  );
  if (!built) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(join(dir, "src"), { recursive: true });
    const { stdout } = await run("git", ["ls-tree", "--name-only", `${sha}:packages/core/src`], { cwd: root });
    for (const name of stdout.split("\n").filter((file) => file.endsWith(".ts"))) {
      await writeFile(join(dir, "src", name), (await fileAtRevision(root, sha, `packages/core/src/${name}`)) ?? "");
    }
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: join(root, "tsconfig.base.json"),
        compilerOptions: {
          rootDir: "src",
          outDir: "dist",
          declaration: false,
          declarationMap: false,
          sourceMap: false,
        },
        include: ["src"],
      }),
    );
    await run(process.execPath, [join(root, "scripts/node_modules/typescript/bin/tsc"), "-p", dir], { cwd: dir });
  }
  const core = (await import(pathToFileURL(entry).href)) as { createProviderClient: AnyCreateProviderClient };
  return { sha, createProviderClient: core.createProviderClient };
}
