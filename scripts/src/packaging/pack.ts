import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { execOrThrow } from "../shared/exec.js";
import { repoRoot } from "../shared/repo-paths.js";
import { readTarball } from "./tarball.js";

export type Manifest = Record<string, unknown> & { name: string; version: string; private?: boolean };

export interface WorkspacePackage {
  name: string;
  dir: string;
  manifest: Manifest;
}

export interface PackedPackage extends WorkspacePackage {
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** Size of the `.tgz` in bytes. */
  packedBytes: number;
  /** Sum of the packed files' sizes in bytes. */
  unpackedBytes: number;
  /** Every file in the tarball, without the leading `package/`, sorted. */
  files: string[];
  /** The package.json inside the tarball: what the registry and users get. */
  packedManifest: Manifest;
  /** README.md inside the tarball, if any. */
  readme: string | undefined;
}

/** Workspace packages under packages/ that are published (not `private`), sorted by name. */
export async function publishedPackages(root: string = repoRoot): Promise<WorkspacePackage[]> {
  const found: WorkspacePackage[] = [];
  for (const entry of await readdir(join(root, "packages"), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, "packages", entry.name);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as Manifest;
    } catch {
      continue;
    }
    if (!manifest.private) found.push({ name: manifest.name, dir, manifest });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * `pnpm pack` — what `pnpm publish` (and so `changeset publish`) uploads: `workspace:` ranges
 * rewritten to versions, the workspace LICENSE added when the package has none.
 */
export async function packPackage(pkg: WorkspacePackage, destination: string): Promise<PackedPackage> {
  const { stdout } = await execOrThrow("pnpm", ["pack", "--pack-destination", destination, "--json"], {
    cwd: pkg.dir,
  });
  const report = JSON.parse(stdout.slice(stdout.indexOf("{"))) as { filename: string };
  const tarball = report.filename;
  const contents = await readTarball(tarball);
  const packageJson = contents.get("package.json");
  if (!packageJson) throw new Error(`${tarball} has no package.json`);
  return {
    ...pkg,
    tarball,
    packedBytes: (await stat(tarball)).size,
    unpackedBytes: [...contents.values()].reduce((sum, data) => sum + data.length, 0),
    files: [...contents.keys()].sort(),
    packedManifest: JSON.parse(packageJson.toString("utf8")) as Manifest,
    readme: contents.get("README.md")?.toString("utf8"),
  };
}

/** Packs every published package into `destination`. Packages must be built first. */
export async function packAll(destination: string, root: string = repoRoot): Promise<PackedPackage[]> {
  const packages = await publishedPackages(root);
  return Promise.all(packages.map((pkg) => packPackage(pkg, destination)));
}
