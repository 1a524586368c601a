import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { runGenerate } from "../src/generate/run-generate.js";
import { repoRoot } from "../src/shared/repo-paths.js";
import { digestLine } from "../src/shared/sha256.js";
import { PROVIDER_CONFIG_SCHEMA } from "../src/spec/provider-config.js";

/**
 * A throwaway repo under scripts/.fixture-packages/ (inside the workspace, so `@specsdk/core`,
 * `vitest` and `typescript` resolve from scripts/node_modules) holding one spec and its config.
 */
export async function generateFixturePackage(name: string, specText: string, config: object) {
  const parent = join(repoRoot, "scripts/.fixture-packages");
  await mkdir(parent, { recursive: true });
  const root = await mkdtemp(join(parent, `${name}-`));
  await mkdir(join(root, "specs"));
  await copyFile(join(repoRoot, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  await writeFile(join(root, "specs", `${name}.yaml`), specText);
  await writeFile(join(root, "specs", `${name}.yaml.sha256`), digestLine(specText, `${name}.yaml`));
  const packageDir = join(root, "packages", name);
  await mkdir(packageDir, { recursive: true });
  // `$schema` first, as in the committed configs, pointing at the schema from where the fixture is.
  const withSchema = { $schema: relative(packageDir, PROVIDER_CONFIG_SCHEMA), ...config };
  await writeFile(join(packageDir, "provider.config.json"), JSON.stringify(withSchema, null, 2));
  const dispose = () => rm(root, { recursive: true, force: true });
  const exitCode = await runGenerate({}, root).catch(async (error: unknown) => {
    await dispose();
    throw error;
  });
  return { root, packageDir, exitCode, dispose };
}

const baseOptions = ts.parseJsonConfigFileContent(
  ts.readConfigFile(join(repoRoot, "tsconfig.base.json"), ts.sys.readFile).config,
  ts.sys,
  repoRoot,
).options;

/** Compiles files with the repo's strict settings; returns diagnostics as `file:line: message`. */
export function compile(rootNames: string[], outDir?: string, rootDir?: string): string[] {
  const program = ts.createProgram(rootNames, {
    ...baseOptions,
    ...(outDir ? { outDir, rootDir, noEmit: false } : { noEmit: true }),
  });
  const emitted = program.emit();
  return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}: ${message}`;
  });
}

/** Links `node_modules/<name>` inside the package so its own tests can import it by name. */
export async function linkSelf(packageDir: string, packageName: string) {
  const link = join(packageDir, "node_modules", packageName);
  await mkdir(dirname(link), { recursive: true });
  await symlink(packageDir, link, "dir");
  const testing = join(packageDir, "node_modules", "@specsdk", "testing");
  await mkdir(dirname(testing), { recursive: true });
  await symlink(join(repoRoot, "packages/testing"), testing, "dir");
}

/**
 * Compiles the MCP package generated beside a fixture provider (`<packageDir>-mcp`) against the
 * provider's built declarations, linked under its package name as npm would install it; returns
 * its folder and the compiler's diagnostics. Build the provider into dist/ first.
 */
export async function compileMcpPackage(packageDir: string, packageName: string) {
  const mcpDir = `${packageDir}-mcp`;
  const link = join(mcpDir, "node_modules", packageName);
  await mkdir(dirname(link), { recursive: true });
  await symlink(packageDir, link, "dir");
  const generated = join(mcpDir, "src/generated");
  const sources = ["index.ts", "bin.ts"].map((file) => join(generated, file));
  return { mcpDir, diagnostics: compile(sources, join(mcpDir, "dist"), generated) };
}
