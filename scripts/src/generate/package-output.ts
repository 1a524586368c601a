import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { writeFileAtomically } from "../shared/atomic-write.js";
import type { GeneratedFiles } from "./emit/generated-files.js";
import { GENERATED_DIRS } from "./generate-provider.js";

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    ),
  );
  return nested.flat();
}

function generatedDirOf(relativePath: string): string | undefined {
  return GENERATED_DIRS.find((dir) => relativePath.startsWith(`${dir}/`));
}

/**
 * What an interrupted run left behind (killed mid-write): a generated directory's staging or retired
 * copy beside it, or a file's temporary twin. Paths relative to the package.
 */
async function leftovers(packageDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of new Set(["", ...GENERATED_DIRS.map((generated) => dirname(generated))])) {
    const ours = GENERATED_DIRS.filter((generated) => dirname(generated) === dir).map((generated) =>
      basename(generated),
    );
    for (const entry of await readdir(join(packageDir, dir)).catch(() => [] as string[])) {
      const copy = /^(.+)\.(staging|old)-[0-9a-f]+$/.exec(entry);
      const temporary = /^\..+\.[0-9a-f]{12}\.tmp$/.test(entry);
      if (temporary || (copy && ours.includes(copy[1] as string))) found.push(dir === "" ? entry : `${dir}/${entry}`);
    }
  }
  return found;
}

/** Files on disk that differ from, are missing from, or are not part of the expected output. */
export async function staleFiles(packageDir: string, files: GeneratedFiles): Promise<string[]> {
  const stale: string[] = await leftovers(packageDir);
  for (const [relativePath, content] of files) {
    if ((await readIfExists(join(packageDir, relativePath))) !== content) stale.push(relativePath);
  }
  for (const dir of GENERATED_DIRS) {
    for (const existing of await listFiles(join(packageDir, dir))) {
      const relativePath = `${dir}/${existing}`;
      if (!files.has(relativePath)) stale.push(relativePath);
    }
  }
  return stale.sort();
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Builds `dir` beside the old one and swaps it in with two renames: readers see old or new, never a mix. */
async function swapDirectory(packageDir: string, dir: string, files: GeneratedFiles): Promise<void> {
  const suffix = randomBytes(6).toString("hex");
  const target = join(packageDir, dir);
  const staging = `${target}.staging-${suffix}`;
  const retired = `${target}.old-${suffix}`;
  try {
    for (const [relativePath, content] of files) {
      if (generatedDirOf(relativePath) !== dir) continue;
      const path = join(staging, relativePath.slice(dir.length + 1));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    await mkdir(dirname(target), { recursive: true });
    const hadPrevious = await exists(target);
    if (hadPrevious) await rename(target, retired);
    await rename(staging, target);
    await rm(retired, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Writes a provider package: each generated directory is swapped in whole; the other files are
 * replaced one by one, atomically. Only what changed is touched. Returns the changed paths.
 */
export async function writePackage(packageDir: string, files: GeneratedFiles): Promise<string[]> {
  for (const leftover of await leftovers(packageDir))
    await rm(join(packageDir, leftover), { recursive: true, force: true });
  const changed = await staleFiles(packageDir, files);
  for (const dir of GENERATED_DIRS) {
    if (changed.some((path) => generatedDirOf(path) === dir)) await swapDirectory(packageDir, dir, files);
  }
  for (const [relativePath, content] of files) {
    if (generatedDirOf(relativePath) === undefined && changed.includes(relativePath)) {
      await writeFileAtomically(join(packageDir, relativePath), content);
    }
  }
  return changed;
}
