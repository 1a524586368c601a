import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root, found from this file's location so scripts work from any working directory. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export interface RepoLayout {
  root: string;
  specsDir: string;
  packagesDir: string;
}

/** The directories a command works on; tests point this at a temporary copy of the repo. */
export function repoLayout(root: string = repoRoot): RepoLayout {
  return { root, specsDir: join(root, "specs"), packagesDir: join(root, "packages") };
}

/** A path as shown in messages: relative to the repository root when inside it. */
export function displayPath(path: string): string {
  const fromRoot = relative(repoRoot, path);
  return fromRoot.startsWith("..") ? path : fromRoot;
}
