import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../shared/repo-paths.js";
import type { GeneratedFiles } from "./emit/generated-files.js";

const run = promisify(execFile);
const biomeBin = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");

/**
 * The project's biome.json without what ties it to this checkout (VCS ignore files, include globs) or
 * does not format (the linter), so the copy formats the same anywhere; no size limit: a large spec's
 * schema.ts is megabytes.
 */
async function formatterConfig(): Promise<string> {
  const { vcs, files, linter, $schema, ...formatting } = JSON.parse(
    await readFile(join(repoRoot, "biome.json"), "utf8"),
  );
  return JSON.stringify({ ...formatting, files: { maxSize: 2 ** 31 - 1 } });
}

/**
 * Formats every TypeScript file of the given packages in place (in memory) with Biome, the project's
 * formatter, and sorts their imports as `pnpm lint` wants. One Biome process for the whole run, in a
 * temporary folder: a process per file costs its start-up each time, and Biome's JS API
 * (`@biomejs/wasm-nodejs`) has no build of 2.6.8, the version `pnpm lint` checks with.
 */
export async function formatGeneratedTypeScript(packages: [packageDir: string, files: GeneratedFiles][]) {
  const dir = await mkdtemp(join(tmpdir(), "specsdk-format-"));
  try {
    await writeFile(join(dir, "biome.json"), await formatterConfig());
    const copies: [GeneratedFiles, string, string][] = [];
    for (const [packageDir, files] of packages) {
      for (const [relativePath, content] of files) {
        if (!relativePath.endsWith(".ts")) continue;
        const copy = join(dir, basename(packageDir), relativePath);
        await mkdir(dirname(copy), { recursive: true });
        await writeFile(copy, content);
        copies.push([files, relativePath, copy]);
      }
    }
    if (copies.length === 0) return;
    const args = [biomeBin, "check", "--write", "--linter-enabled=false", "--colors=off", "."];
    await run(process.execPath, args, { cwd: dir, maxBuffer: 64 << 20 }).catch((error: { stderr?: string }) => {
      throw new Error(`generate: Biome could not format the generated TypeScript:\n${error.stderr ?? ""}`, {
        cause: error,
      });
    });
    for (const [files, relativePath, copy] of copies) files.set(relativePath, await readFile(copy, "utf8"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
