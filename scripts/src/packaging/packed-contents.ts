import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Manifest, PackedPackage } from "./pack.js";

/** Files every published tarball carries besides the build output. */
export const PACKAGE_FILES = ["LICENSE", "README.md", "package.json"];

/**
 * Runtime dependencies a published package may have: our own packages, openapi-fetch and its helper,
 * and the server-sent-events parser (bundled only by providers with event-stream operations).
 */
export const ALLOWED_RUNTIME_DEPENDENCIES = ["openapi-fetch", "openapi-typescript-helpers", "eventsource-parser"];

/**
 * The mock server for users' tests: the one published package allowed to depend on Prism, and on the
 * two Prism packages its own operation loader uses (`prism-operations.ts`), at the versions Prism pins.
 */
export const MOCK_PACKAGE = "@specsdk/mock";
export const MOCK_RUNTIME_DEPENDENCIES = [
  "@stoplight/prism-core",
  "@stoplight/prism-http",
  "@stoplight/prism-http-server",
  "@stoplight/http-spec",
  "@stoplight/json-schema-ref-parser",
];

/**
 * The MCP server runtime: the one published package allowed the MCP SDK and a JSON Schema validator.
 * The generated `<provider>-mcp` packages depend on it and on their provider only.
 */
export const MCP_PACKAGE = "@specsdk/mcp";
export const MCP_RUNTIME_DEPENDENCIES = ["@modelcontextprotocol/sdk", "ajv", "ajv-formats"];

/** An MCP server package (the runtime, or a generated server depending on it): a tool, not a client library. */
export function isMcpPackage(manifest: Manifest): boolean {
  const dependencies = isRecord(manifest.dependencies) ? manifest.dependencies : {};
  return manifest.name === MCP_PACKAGE || MCP_PACKAGE in dependencies;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"));
}

/**
 * Files outside the build that the manifest exports as they are, e.g. a provider's `./openapi.yaml`
 * (its vendored spec, which `@specsdk/mock` serves): `exports` entries whose target is a plain path.
 */
export function exportedDataFiles(manifest: Manifest): string[] {
  const exports = manifest.exports;
  if (!isRecord(exports)) return [];
  return Object.entries(exports)
    .filter(([subpath, target]) => subpath !== "./package.json" && typeof target === "string")
    .map(([, target]) => (target as string).replace(/^\.\//, ""))
    .filter((file) => !file.startsWith("dist/"));
}

/**
 * Exactly the files users should get: for each source module of the build (tsconfig.build.json's
 * `rootDir`), its `.js`, `.js.map` (sources inlined) and `.d.ts` in `outDir`, plus LICENSE, README.md,
 * package.json and the data files `exports` names (a provider's `openapi.yaml`). No tests, no
 * TypeScript sources, no provider.config.json, no stale build output.
 */
export async function expectedPackedFiles(packageDir: string): Promise<string[]> {
  const tsconfig = JSON.parse(await readFile(join(packageDir, "tsconfig.build.json"), "utf8")) as {
    compilerOptions?: { rootDir?: string; outDir?: string };
  };
  const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as Manifest;
  const rootDir = tsconfig.compilerOptions?.rootDir ?? "src";
  const outDir = tsconfig.compilerOptions?.outDir ?? "dist";
  const built = (await sourceFiles(join(packageDir, rootDir))).flatMap((file) => {
    const stem = `${outDir}/${file.slice(0, -".ts".length)}`;
    return [`${stem}.js`, `${stem}.js.map`, `${stem}.d.ts`];
  });
  return [...built, ...PACKAGE_FILES, ...exportedDataFiles(manifest)].sort();
}

/** Differences between the tarball's file list and `expected`, one line each. */
export function fileListProblems(actual: readonly string[], expected: readonly string[]): string[] {
  const problems: string[] = [];
  for (const file of actual) if (!expected.includes(file)) problems.push(`ships unexpected file ${file}`);
  for (const file of expected) if (!actual.includes(file)) problems.push(`does not ship ${file}`);
  return problems;
}

const DEPENDENCY_FIELDS = ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Metadata a published package.json must have; each missing or wrong piece is one line. */
export function manifestProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };

  for (const field of DEPENDENCY_FIELDS) {
    const deps = manifest[field];
    if (!isRecord(deps)) continue;
    for (const [name, range] of Object.entries(deps)) {
      check(
        !(typeof range === "string" && /^(workspace|link|file|portal):/.test(range)),
        `${field}.${name} is ${JSON.stringify(range)}: a local protocol users cannot install`,
      );
    }
  }
  const runtime = isRecord(manifest.dependencies) ? Object.keys(manifest.dependencies) : [];
  const isMock = manifest.name === MOCK_PACKAGE;
  const allowed = isMock
    ? [...ALLOWED_RUNTIME_DEPENDENCIES, ...MOCK_RUNTIME_DEPENDENCIES]
    : manifest.name === MCP_PACKAGE
      ? [...ALLOWED_RUNTIME_DEPENDENCIES, ...MCP_RUNTIME_DEPENDENCIES]
      : ALLOWED_RUNTIME_DEPENDENCIES;
  for (const name of runtime) {
    check(
      name.startsWith("@specsdk/") || allowed.includes(name),
      `dependencies.${name} is not one of ours or ${allowed.join(", ")}`,
    );
    // Prism (through the mock) is for tests: a client that depended on it would install it for every user.
    check(isMock || name !== MOCK_PACKAGE, `dependencies.${name}: the mock server is a devDependency of tests`);
  }

  check(manifest.private !== true, "is private");
  check(/^\d+\.\d+\.\d+/.test(manifest.version), `version ${JSON.stringify(manifest.version)} is not semver`);
  check(typeof manifest.description === "string" && manifest.description.length > 0, "has no description");
  check(manifest.type === "module", 'type is not "module"');
  check(manifest.sideEffects === false, "sideEffects is not false");
  check(manifest.license === "MIT", 'license is not "MIT"');
  const engines = manifest.engines;
  check(isRecord(engines) && typeof engines.node === "string", "engines.node is missing");

  const exports = manifest.exports;
  const root = isRecord(exports) ? exports["."] : undefined;
  if (isRecord(root)) {
    check(Object.keys(root)[0] === "types", 'exports["."] does not list "types" first');
    check(typeof root.types === "string" && root.types.endsWith(".d.ts"), 'exports["."].types is not a .d.ts file');
    check(typeof root.default === "string" && root.default.endsWith(".js"), 'exports["."].default is not a .js file');
    check(Object.keys(root).at(-1) === "default", 'exports["."] does not end with "default"');
  } else {
    problems.push('exports["."] is missing');
  }
  check(isRecord(exports) && exports["./package.json"] === "./package.json", 'exports["./package.json"] is missing');

  const files = manifest.files;
  check(Array.isArray(files) && files.includes("dist"), 'files does not list "dist"');
  const keywords = manifest.keywords;
  check(Array.isArray(keywords) && keywords.length > 0, "has no keywords");
  check(!Array.isArray(keywords) || new Set(keywords).size === keywords.length, "keywords has duplicates");

  const repository = manifest.repository;
  check(
    isRecord(repository) &&
      repository.type === "git" &&
      typeof repository.url === "string" &&
      repository.url.startsWith("git+https://") &&
      typeof repository.directory === "string",
    "repository is not { type: git, url: git+https://…, directory }",
  );
  const publishConfig = manifest.publishConfig;
  check(
    isRecord(publishConfig) && publishConfig.access === "public" && publishConfig.provenance === true,
    "publishConfig is not { access: public, provenance: true }",
  );
  return problems;
}

/** Sections every package README must have (install, usage, errors, options). */
export const README_SECTIONS = ["## Install", "## Usage", "## Errors", "## Options"];

/** A README that does not tell users how to install and call the package, one line per gap. */
export function readmeProblems(readme: string | undefined, packageName: string): string[] {
  if (readme === undefined) return ["has no README.md"];
  const problems = README_SECTIONS.filter((heading) => !readme.split("\n").includes(heading)).map(
    (heading) => `README.md has no "${heading}" section`,
  );
  // Flags may come first: a test tool's README says `npm install --save-dev <name>`.
  const escaped = packageName.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  if (!new RegExp(`npm install (?:--?[a-z-]+ )*${escaped}(?:\\s|$)`, "m").test(readme))
    problems.push(`README.md does not show \`npm install ${packageName}\``);
  return problems;
}

/** Everything wrong with one packed package's contents and metadata. */
export async function packedPackageProblems(packed: PackedPackage): Promise<string[]> {
  return [
    ...fileListProblems(packed.files, await expectedPackedFiles(packed.dir)),
    ...manifestProblems(packed.packedManifest),
    ...readmeProblems(packed.readme, packed.name),
  ];
}
