import { access, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { exec } from "../shared/exec.js";
import { repoRoot } from "../shared/repo-paths.js";

/** Where downloaded Node.js binaries are kept between runs, one folder per exact version. */
export const NODE_CACHE_DIR = join(repoRoot, "node_modules/.cache/specsdk-node");

export interface NodeBinary {
  major: number;
  version: string;
  path: string;
  /** How it was obtained: this process, a cached download, or a download in this run. */
  source: "current process" | "cache" | "downloaded";
}

/**
 * The npm package holding a plain Node.js binary for this machine, as the `node` package's own
 * installer names it. Installing it directly avoids the `node` package's preinstall script.
 */
function platformPackage(): string {
  const platform = process.platform === "win32" ? "win" : process.platform;
  const prefix = process.platform === "darwin" && process.arch === "arm64" ? "node-bin" : "node";
  return `${prefix}-${platform}-${process.arch}`;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function cachedVersions(major: number): Promise<string[]> {
  const entries = await readdir(NODE_CACHE_DIR).catch(() => [] as string[]);
  return entries
    .filter((entry) => entry.startsWith(`v${major}.`))
    .map((entry) => entry.slice(1))
    .sort(compareVersions);
}

function binaryIn(versionDir: string): string {
  return join(versionDir, "node_modules", platformPackage(), "bin", process.platform === "win32" ? "node.exe" : "node");
}

async function reportedVersion(binary: string): Promise<string | undefined> {
  const result = await exec(binary, ["--version"], { cwd: repoRoot, timeoutMs: 30_000 }).catch(() => undefined);
  return result?.code === 0 ? result.stdout.trim().replace(/^v/, "") : undefined;
}

/** The newest published version of a Node.js major, from the npm registry. */
async function latestVersion(major: number): Promise<string> {
  const spec = `${platformPackage()}@${major}`;
  const result = await exec("npm", ["view", spec, "version", "--json"], { cwd: repoRoot, timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`npm view ${spec} failed:\n${result.stderr.trim()}`);
  const parsed = JSON.parse(result.stdout) as string | string[];
  const versions = (Array.isArray(parsed) ? parsed : [parsed]).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  const latest = versions.sort(compareVersions).at(-1);
  if (!latest) throw new Error(`npm view ${spec} listed no release`);
  return latest;
}

/**
 * A Node.js binary of the given major version. This process's own Node when it is that major;
 * otherwise the newest release from the npm registry (`node-<platform>-<arch>`), downloaded once and
 * kept in NODE_CACHE_DIR (older patch releases of the same major are removed). When the registry
 * cannot be asked, the newest cached release is used; with neither, this throws, naming the cause.
 */
export async function nodeBinary(major: number): Promise<NodeBinary> {
  if (Number(process.versions.node.split(".")[0]) === major) {
    return { major, version: process.versions.node, path: process.execPath, source: "current process" };
  }
  let version: string;
  try {
    version = await latestVersion(major);
  } catch (error) {
    const fallback = (await cachedVersions(major)).at(-1);
    const binary = fallback && binaryIn(join(NODE_CACHE_DIR, `v${fallback}`));
    if (fallback && binary && (await reportedVersion(binary)) === fallback) {
      return { major, version: fallback, path: binary, source: "cache" };
    }
    throw new Error(
      `Node.js ${major} is needed for the consumer test but could not be fetched from the npm registry ` +
        `(package ${platformPackage()}) and is not cached in ${NODE_CACHE_DIR}: ${(error as Error).message}`,
    );
  }
  const versionDir = join(NODE_CACHE_DIR, `v${version}`);
  const binary = binaryIn(versionDir);
  if ((await reportedVersion(binary)) === version) return { major, version, path: binary, source: "cache" };

  await rm(versionDir, { recursive: true, force: true });
  await mkdir(versionDir, { recursive: true });
  await writeFile(join(versionDir, "package.json"), `${JSON.stringify({ name: "node-binary", private: true })}\n`);
  const spec = `${platformPackage()}@${version}`;
  const install = await exec(
    "npm",
    ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", spec],
    { cwd: versionDir, timeoutMs: 600_000 },
  );
  const installed = install.code === 0 && (await exists(binary)) ? await reportedVersion(binary) : undefined;
  if (installed !== version) {
    await rm(versionDir, { recursive: true, force: true });
    throw new Error(
      `Node.js ${major} is needed for the consumer test but \`npm install ${spec}\` did not produce a working binary ` +
        `(exit ${install.code}):\n${install.stderr.trim()}`,
    );
  }
  for (const old of await cachedVersions(major)) {
    if (old !== version) await rm(join(NODE_CACHE_DIR, `v${old}`), { recursive: true, force: true });
  }
  return { major, version, path: binary, source: "downloaded" };
}
