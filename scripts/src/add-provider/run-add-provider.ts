import { spawn } from "node:child_process";
import { access, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { firstMcpReleaseChangeset, firstReleaseChangeset, firstReleaseFileName } from "../changeset/first-release.js";
import { runGenerate } from "../generate/run-generate.js";
import { buildProviderModel } from "../model/provider-model.js";
import { writeFileAtomically } from "../shared/atomic-write.js";
import { displayPath, repoLayout, repoRoot } from "../shared/repo-paths.js";
import { SpecError } from "../shared/spec-error.js";
import { extractOpenApiBlock } from "../spec/extract-openapi-block.js";
import { parseSpecText } from "../spec/load-spec.js";
import { parseProviderConfig } from "../spec/provider-config.js";
import { vendorSpecText } from "../spec/run-vendor.js";
import { toSpecYaml } from "../spec/spec-yaml.js";
import { providerNameProblem } from "../spec/vendored-specs.js";
import { fetchUpstream } from "../sync/fetch-upstream.js";
import { keepOperations } from "../sync/keep-operations.js";
import { inferProviderConfig, parseAuthFlag } from "./infer-provider-config.js";

export interface AddProviderOptions {
  provider: string;
  /** A spec file, a documentation page with a ```yaml block, or an http(s) URL. */
  source: string;
  /** `bearer`, `basic`, `none`, or `header|query|cookie|body:<name>`; inferred from the spec when absent. */
  auth?: string;
  envVar?: string;
  /** Operations to keep (`"METHOD /path"`); all when absent. */
  keep?: string[];
  allowRemoteRefs?: boolean;
}

/** A step's command failed: its last lines of output say why. */
class StepFailed extends Error {}

/** Runs a command in the repository, output captured; rejects with its last lines when it fails. */
function runStep(root: string, label: string, command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => reject(new StepFailed(`${label}: cannot run ${command}: ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0) return resolve();
      const tail = output.trim().split("\n").slice(-15).join("\n");
      reject(new StepFailed(`${label} failed (exit ${code}):\n${tail}`));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The spec text from a file, a documentation page, or a URL. */
async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) return fetchUpstream(source);
  let page: string;
  try {
    page = await readFile(source, "utf8");
  } catch (error) {
    throw new SpecError(source, `cannot read file: ${(error as Error).message}`);
  }
  const spec = /^\s*(openapi|swagger|\{)/.test(page) ? page : extractOpenApiBlock(page);
  if (spec === undefined) {
    throw new SpecError(source, "no OpenAPI document found (neither a spec nor a page with a ```yaml block)");
  }
  return spec;
}

/**
 * `providers:add <name> <spec>`: vendors the spec, writes an inferred provider.config.json,
 * generates the package, links it into the workspace (pnpm install), then builds and type-checks it.
 * Any failure puts back every file it touched: a failed add leaves the tree as it was.
 */
export async function runAddProvider(options: AddProviderOptions, root = repoRoot): Promise<number> {
  const { provider, source } = options;
  const problem = providerNameProblem(provider);
  if (problem) throw new SpecError("providers:add", problem);
  if (options.auth !== undefined && !parseAuthFlag(options.auth)) {
    throw new SpecError(
      "--auth",
      `${JSON.stringify(options.auth)} is not a placement; use bearer, basic, none, header:<name>, query:<name>, cookie:<name> or body:<field>`,
    );
  }
  const { specsDir, packagesDir } = repoLayout(root);
  const specPath = join(specsDir, `${provider}.yaml`);
  const packageDir = join(packagesDir, provider);
  // Generated beside it from the same spec: its MCP server (generate-mcp-package.ts).
  const mcpDir = `${packageDir}-mcp`;
  for (const taken of [specPath, packageDir, mcpDir]) {
    if (await exists(taken)) {
      throw new SpecError(
        displayPath(taken),
        `provider "${provider}" exists already; update its spec with \`pnpm specs:vendor\` or \`pnpm specs:sync\`, or pick another name`,
      );
    }
  }

  // Everything is checked before the first write: a spec or config problem touches nothing.
  const fetched = await readSource(source);
  const parsed = parseSpecText(fetched, source);
  const document = options.keep?.length ? keepOperations(parsed, options.keep, source) : parsed;
  const text = options.keep?.length ? toSpecYaml(document) : fetched;
  const { config, inferred, review } = inferProviderConfig(provider, document, {
    auth: options.auth,
    envVar: options.envVar,
    sourceUrl: /^https:\/\//.test(source) ? source : undefined,
    keep: options.keep,
  });
  const configPath = join(packageDir, "provider.config.json");
  const configText = `${JSON.stringify(config, null, 2)}\n`;
  parseProviderConfig(configText, displayPath(configPath));
  const model = buildProviderModel({ name: provider, specFile: `${provider}.yaml`, specSha256: "", document, config });

  const lockfile = join(root, "pnpm-lock.yaml");
  const lockBefore = await readFile(lockfile, "utf8").catch(() => undefined);
  const changesetPath = join(root, ".changeset", firstReleaseFileName(provider));
  const mcpChangesetPath = join(root, ".changeset", firstReleaseFileName(`${provider}-mcp`));
  const undo = async () => {
    await rm(changesetPath, { force: true });
    await rm(mcpChangesetPath, { force: true });
    await rm(packageDir, { recursive: true, force: true });
    await rm(mcpDir, { recursive: true, force: true });
    await rm(specPath, { force: true });
    await rm(`${specPath}.sha256`, { force: true });
    if (lockBefore !== undefined) await writeFile(lockfile, lockBefore);
  };
  try {
    await vendorSpecText({ text, source, provider, allowRemoteRefs: options.allowRemoteRefs }, root);
    await mkdir(packageDir, { recursive: true });
    await writeFile(configPath, configText);
    // The CHANGELOG's first entry says what the package is (it is generated at 0.0.0: this releases 0.1.0).
    await writeFileAtomically(
      changesetPath,
      firstReleaseChangeset(config.packageName, document.info.title, document.info.version),
    );
    await writeFileAtomically(
      mcpChangesetPath,
      firstMcpReleaseChangeset(`${config.packageName}-mcp`, document.info.title),
    );
    const generated = await runGenerate({ providers: [provider] }, root);
    if (generated !== 0) throw new StepFailed("generate failed");
    // The new package joins the workspace (its links and the lockfile's importer); the store has its dependencies.
    // --no-frozen-lockfile: in CI pnpm freezes the lockfile by default, and adding the importer is the point.
    await runStep(root, "pnpm install", "pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile"]);
    const filters = [`--filter=${config.packageName}`, `--filter=${config.packageName}-mcp`];
    for (const task of ["build", "typecheck"]) {
      await runStep(root, task, "pnpm", ["exec", "turbo", "run", task, ...filters, "--output-logs=errors-only"]);
    }
  } catch (error) {
    await undo();
    if (error instanceof StepFailed) {
      console.error(`providers:add: ${error.message}`);
      console.error(
        `providers:add: nothing was added (${displayPath(specPath)} and ${displayPath(packageDir)} removed)`,
      );
      return 1;
    }
    throw error;
  }

  const names = model.operations.map((operation) => operation.name);
  const shown = names.slice(0, 8).join(", ") + (names.length > 8 ? `, … (${names.length} in all)` : "");
  console.log(`\nadded ${config.packageName} (${displayPath(packageDir)}) from ${source}`);
  console.log("inferred:");
  for (const line of [...inferred, `methods: ${shown}`]) console.log(`  - ${line}`);
  console.log("review before publishing:");
  const companions = model.companionCredentialHeaders.map(
    ({ name, prefix }) =>
      `the spec requires ${name}${prefix ? ` (${prefix.trim()})` : ""} beside the key on some operations: users pass it in the client's \`headers\` option`,
  );
  for (const line of [
    ...review,
    ...companions,
    `${displayPath(configPath)}: names and description (editors check it against its $schema)`,
    `run the contract tests: pnpm test -- --filter ${config.packageName}`,
    `${displayPath(changesetPath)}: the first release's CHANGELOG entry (0.1.0); add what users should know`,
    `${displayPath(mcpDir)}: its MCP server (${config.packageName}-mcp, released by ${displayPath(mcpChangesetPath)}); mark non-DELETE operations that destroy data in "destructiveOperations"`,
  ]) {
    console.log(`  - ${line}`);
  }
  return 0;
}
