import { lstat, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { execOrThrow } from "./exec.js";
import type { PackedPackage } from "./pack.js";
import { ALLOWED_RUNTIME_DEPENDENCIES } from "./packed-contents.js";

/** TypeScript compilers the consumer is type-checked with, installed under these aliases. */
export const TYPESCRIPT_VERSIONS = {
  /** The version this repository builds with. */
  typescript5: "5.9.3",
  /** The native (Go) compiler; its package's binary is still called `tsc` (`npm view typescript@7 bin`). */
  typescript7: "7.0.2",
} as const;

export type TypeScriptAlias = keyof typeof TYPESCRIPT_VERSIONS;
export type ModuleResolution = "nodenext" | "bundler";

const TYPES_NODE_VERSION = "20.19.43";

/** Strict settings a careful user might have, stricter than this repository's own. */
const STRICT_OPTIONS = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noPropertyAccessFromIndexSignature: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  // Our published .d.ts files are checked too, not only the consumer's code.
  skipLibCheck: false,
  noEmit: true,
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  types: ["node"],
};

function tsconfig(resolution: ModuleResolution): Record<string, unknown> {
  const module = resolution === "nodenext" ? { module: "nodenext" } : { module: "esnext" };
  return {
    compilerOptions: { ...STRICT_OPTIONS, ...module, moduleResolution: resolution },
    files: ["consumer.ts", "browser.ts"],
  };
}

export interface ConsumerProject {
  dir: string;
  /** Packages installed at runtime (not dev), by lockfile key, e.g. `node_modules/openapi-fetch`. */
  lockfile: { packages: Record<string, { version?: string; resolved?: string; dev?: boolean; link?: boolean }> };
}

/**
 * A fresh npm project outside the workspace that depends on the packed tarballs (`file:` tarball
 * paths, which npm extracts: no links) and, as dev dependencies, on the compilers and @types/node
 * the test needs. One `npm install`, so one resolution of the whole tree.
 */
export async function createConsumerProject(
  dir: string,
  packed: readonly PackedPackage[],
  fixtures: Record<string, string>,
): Promise<ConsumerProject> {
  await mkdir(dir, { recursive: true });
  const dependencies = Object.fromEntries(
    packed.map((pkg) => [pkg.name, `file:${relative(dir, pkg.tarball).split("\\").join("/")}`]),
  );
  const devDependencies = {
    "@types/node": TYPES_NODE_VERSION,
    ...Object.fromEntries(
      Object.entries(TYPESCRIPT_VERSIONS).map(([alias, version]) => [alias, `npm:typescript@${version}`]),
    ),
  };
  const manifest = { name: "specsdk-consumer", private: true, type: "module", dependencies, devDependencies };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // A project of its own: no workspace, no inherited .npmrc settings that could link packages.
  await writeFile(join(dir, ".npmrc"), "install-links=true\naudit=false\nfund=false\n");
  for (const resolution of ["nodenext", "bundler"] as const) {
    await writeFile(join(dir, `tsconfig.${resolution}.json`), `${JSON.stringify(tsconfig(resolution), null, 2)}\n`);
  }
  for (const [name, content] of Object.entries(fixtures)) await writeFile(join(dir, name), content);

  await execOrThrow("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: dir,
    timeoutMs: 600_000,
  });
  const lockfile = JSON.parse(await readFile(join(dir, "package-lock.json"), "utf8")) as ConsumerProject["lockfile"];
  return { dir, lockfile };
}

/**
 * Problems with what npm installed for users (everything not marked dev): anything but our packages
 * and ALLOWED_RUNTIME_DEPENDENCIES; one of ours not from its tarball (a registry copy
 * would mean the test exercised someone else's code) or linked rather than extracted.
 */
export async function installedTreeProblems(
  project: ConsumerProject,
  packed: readonly PackedPackage[],
): Promise<string[]> {
  const problems: string[] = [];
  const ours = new Map(packed.map((pkg) => [pkg.name, pkg]));
  for (const [key, entry] of Object.entries(project.lockfile.packages)) {
    if (key === "" || entry.dev) continue;
    const name = key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    const pkg = ours.get(name);
    if (entry.link) problems.push(`${key} is a link`);
    if (pkg) {
      if (key !== `node_modules/${name}`) problems.push(`${name} is installed twice (${key})`);
      if (!entry.resolved?.startsWith("file:") || !entry.resolved.endsWith(".tgz")) {
        problems.push(`${name} resolved to ${entry.resolved}, not to its packed tarball`);
      }
      const stats = await lstat(join(project.dir, key)).catch(() => undefined);
      if (!stats) problems.push(`${key} is in the lockfile but not on disk`);
      else if (stats.isSymbolicLink()) problems.push(`${key} is a symlink`);
    } else if (!ALLOWED_RUNTIME_DEPENDENCIES.includes(name)) {
      problems.push(`unexpected runtime dependency ${name}@${entry.version} (${key})`);
    }
  }
  for (const name of ours.keys()) {
    if (!project.lockfile.packages[`node_modules/${name}`]) problems.push(`${name} is not installed`);
  }
  for (const name of ALLOWED_RUNTIME_DEPENDENCIES) {
    if (!project.lockfile.packages[`node_modules/${name}`]) problems.push(`${name} is not installed`);
  }
  return problems;
}
