import { lstat, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { execOrThrow } from "../shared/exec.js";
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

function tsconfig(resolution: ModuleResolution, files: readonly string[]): Record<string, unknown> {
  const module = resolution === "nodenext" ? { module: "nodenext" } : { module: "esnext" };
  return {
    compilerOptions: { ...STRICT_OPTIONS, ...module, moduleResolution: resolution },
    files,
  };
}

export interface LockfileEntry {
  version?: string;
  resolved?: string;
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
}

export interface ConsumerProject {
  dir: string;
  /** Every installed package, by lockfile key, e.g. `node_modules/openapi-fetch` (`dev` when only dev needs it). */
  lockfile: { packages: Record<string, LockfileEntry> };
}

/** The compilers (as `typescript5`, `typescript7`) and @types/node: the app project's dev dependencies. */
export const COMPILER_DEV_DEPENDENCIES: Record<string, string> = {
  "@types/node": TYPES_NODE_VERSION,
  ...Object.fromEntries(
    Object.entries(TYPESCRIPT_VERSIONS).map(([alias, version]) => [alias, `npm:typescript@${version}`]),
  ),
};

export interface ConsumerProjectOptions {
  /** Default: COMPILER_DEV_DEPENDENCIES. */
  devDependencies?: Record<string, string>;
  /** The files `tsconfig.<resolution>.json` type-check. Default: the app fixtures, consumer.ts and browser.ts. */
  typeChecked?: readonly string[];
}

/**
 * A fresh npm project outside the workspace that depends on the packed tarballs (`file:` tarball
 * paths, which npm extracts: no links) and, as dev dependencies, on the compilers and @types/node
 * the test needs (or `options.devDependencies`). One `npm install`, so one resolution of the whole tree.
 */
export async function createConsumerProject(
  dir: string,
  packed: readonly PackedPackage[],
  fixtures: Record<string, string>,
  options: ConsumerProjectOptions = {},
): Promise<ConsumerProject> {
  await mkdir(dir, { recursive: true });
  const dependencies = Object.fromEntries(
    packed.map((pkg) => [pkg.name, `file:${relative(dir, pkg.tarball).split("\\").join("/")}`]),
  );
  const devDependencies = options.devDependencies ?? COMPILER_DEV_DEPENDENCIES;
  const manifest = { name: "specsdk-consumer", private: true, type: "module", dependencies, devDependencies };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  // A project of its own: no workspace, no inherited .npmrc settings that could link packages.
  await writeFile(join(dir, ".npmrc"), "install-links=true\naudit=false\nfund=false\n");
  const typeChecked = options.typeChecked ?? ["consumer.ts", "browser.ts"];
  for (const resolution of ["nodenext", "bundler"] as const) {
    const config = tsconfig(resolution, typeChecked);
    await writeFile(join(dir, `tsconfig.${resolution}.json`), `${JSON.stringify(config, null, 2)}\n`);
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

/** Where npm put `name` for the package at lockfile key `from`: the nearest `node_modules/<name>` up its path. */
function installedAt(
  packages: ConsumerProject["lockfile"]["packages"],
  from: string,
  name: string,
): string | undefined {
  for (let base = from; ; ) {
    const candidate = base === "" ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === "") return undefined;
    const parent = base.lastIndexOf("/node_modules/");
    base = parent === -1 ? "" : base.slice(0, parent);
  }
}

/** Lockfile keys of everything installing the package at `key` brought in, itself included. */
export function dependencyClosure(project: ConsumerProject, key: string): string[] {
  const packages = project.lockfile.packages;
  const seen = new Set<string>();
  const visit = (current: string) => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const name of Object.keys(packages[current]?.dependencies ?? {})) {
      const found = installedAt(packages, current, name);
      if (found) visit(found);
    }
  };
  visit(key);
  return [...seen].sort();
}
