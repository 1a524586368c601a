import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { writeFileAtomically } from "./atomic-write.js";
import { GENERATED_DIR, type GeneratedFiles } from "./generate-provider.js";

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

/** Files on disk that differ from, are missing from, or are not part of the expected output. */
export async function staleFiles(packageDir: string, files: GeneratedFiles): Promise<string[]> {
  const stale: string[] = [];
  for (const [relativePath, content] of files) {
    if ((await readIfExists(join(packageDir, relativePath))) !== content) stale.push(relativePath);
  }
  for (const existing of await listFiles(join(packageDir, GENERATED_DIR))) {
    const relativePath = `${GENERATED_DIR}/${existing}`;
    if (!files.has(relativePath)) stale.push(relativePath);
  }
  return stale.sort();
}

/**
 * Writes a provider package. `src/generated/` is built beside the old one and swapped in with two
 * renames, so an interrupted run leaves either the old or the new directory, never a mix; the other
 * files are replaced one by one, atomically. Returns the paths whose content changed.
 */
export async function writePackage(packageDir: string, files: GeneratedFiles): Promise<string[]> {
  const changed = await staleFiles(packageDir, files);
  if (changed.length === 0) return [];
  const suffix = randomBytes(6).toString("hex");
  const target = join(packageDir, GENERATED_DIR);
  const staging = `${target}.staging-${suffix}`;
  const retired = `${target}.old-${suffix}`;
  try {
    for (const [relativePath, content] of files) {
      if (!relativePath.startsWith(`${GENERATED_DIR}/`)) continue;
      const path = join(staging, relativePath.slice(GENERATED_DIR.length + 1));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, content);
    }
    await mkdir(dirname(target), { recursive: true });
    const hadPrevious = await stat(target).then(
      () => true,
      () => false,
    );
    if (hadPrevious) await rename(target, retired);
    await rename(staging, target);
    await rm(retired, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  for (const [relativePath, content] of files) {
    if (relativePath.startsWith(`${GENERATED_DIR}/`)) continue;
    if (changed.includes(relativePath)) await writeFileAtomically(join(packageDir, relativePath), content);
  }
  return changed;
}
