import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { writeFileAtomically } from "../shared/atomic-write.js";
import { displayPath, repoLayout } from "../shared/repo-paths.js";
import { digestLine } from "../shared/sha256.js";
import { SpecError } from "../shared/spec-error.js";
import { parseSpecText, validateSpecText } from "../spec/load-spec.js";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import { loadProviderConfig } from "../spec/provider-config.js";
import { checkInternalRefs } from "../spec/spec-refs.js";
import { sameMeaning, toSpecYaml } from "../spec/spec-yaml.js";
import type { UpstreamConfig } from "../spec/upstream-config.js";
import { selectVendoredSpecs, type VendoredSpec } from "../spec/vendored-specs.js";
import { fetchUpstream } from "./fetch-upstream.js";
import { keepOperations } from "./keep-operations.js";
import { summarizeSpecChange } from "./spec-summary.js";

const COMMAND = "specs:sync";

/** `SPECSDK_UPSTREAM_PRIMEINTELLECT`: overrides a provider's upstream URL (tests, mirrors). */
export function upstreamEnvVar(provider: string): string {
  return `SPECSDK_UPSTREAM_${provider.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

type Outcome = "unchanged" | "updated" | "differs";

async function readVendored(path: string): Promise<OpenApiDocument | undefined> {
  try {
    return parse(await readFile(path, "utf8")) as OpenApiDocument;
  } catch {
    return undefined; // missing or unreadable: everything upstream is new
  }
}

/** Fetches, filters and validates one provider's upstream spec, then writes it unless nothing changed. */
async function syncOne(spec: VendoredSpec, upstream: UpstreamConfig, url: string, check: boolean): Promise<Outcome> {
  const text = await fetchUpstream(url);
  const fetched = parseSpecText(text, url);
  const document = upstream.keep ? keepOperations(fetched, upstream.keep, url) : fetched;
  // Only self-contained documents are vendored; positions point into what was downloaded.
  checkInternalRefs(document, text, url);
  const yaml = toSpecYaml(document);
  try {
    await validateSpecText(yaml, spec.path, url);
  } catch (error) {
    // Positions would point into YAML that was never written; the message carries the JSON pointer.
    if (error instanceof SpecError) throw new SpecError(url, error.problem);
    throw error;
  }

  const current = await readVendored(spec.path);
  const target = displayPath(spec.path);
  if (current && sameMeaning(current, document)) {
    console.log(`${spec.name}: ${target} is up to date with ${url}`);
    return "unchanged";
  }
  const changes = summarizeSpecChange(current, document).map((line) => `  ${line}`);
  if (check) {
    console.log(`${spec.name}: upstream ${url} differs from ${target}:`);
    for (const line of changes) console.log(line);
    return "differs";
  }
  await writeFileAtomically(spec.path, yaml);
  await writeFileAtomically(spec.digestPath, digestLine(yaml, spec.fileName));
  console.log(`${spec.name}: updated ${target} from ${url} (sha256 ${digestLine(yaml, spec.fileName).slice(0, 12)}…):`);
  for (const line of changes) console.log(line);
  return "updated";
}

export interface SyncOptions {
  /** Specs to sync, by name; every spec whose provider config names an upstream when none. */
  providers?: string[];
  /** Write nothing; exit 1 when any upstream differs. */
  check?: boolean;
  /** The upstream URL to use instead of the configured one (exactly one provider). */
  from?: string;
}

/**
 * `specs:sync [provider…] [--check] [--from <url>]`: brings each vendored spec up to date with the
 * upstream document named in its provider.config.json (`upstream.url`, reduced to `upstream.keep`).
 *
 * - A download that fails, or a document that is not valid OpenAPI, leaves both files untouched.
 * - A document equal in meaning to the vendored one (key order, formatting) writes nothing.
 * - `--check` writes nothing and exits 1 when any upstream differs, for a scheduled job.
 * - The URL can be overridden with `--from <url>` (one provider) or `SPECSDK_UPSTREAM_<PROVIDER>`.
 *
 * Exit codes: 0 in sync or updated; 1 a failure, or differences under --check; 2 usage.
 */
export async function runSync(
  { providers = [], check = false, from }: SyncOptions,
  root?: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { specsDir, packagesDir } = repoLayout(root);
  const selection = await selectVendoredSpecs(specsDir, providers);
  if ("problem" in selection) {
    console.error(`${COMMAND}: ${selection.problem}`);
    return 2;
  }
  if (from !== undefined && providers.length !== 1) {
    console.error(`${COMMAND}: --from <url> needs exactly one provider: pnpm specs:sync <provider> --from <url>`);
    return 2;
  }

  const selected: { spec: VendoredSpec; upstream: UpstreamConfig }[] = [];
  for (const spec of selection.selected) {
    const configPath = join(packagesDir, spec.name, "provider.config.json");
    const { upstream } = await loadProviderConfig(configPath);
    if (upstream) selected.push({ spec, upstream });
    else if (providers.length > 0) {
      console.error(`${COMMAND}: ${spec.name} has no "upstream" in ${displayPath(configPath)}; nothing to sync from`);
      return 2;
    }
  }

  let failed = 0;
  let differs = 0;
  for (const { spec, upstream } of selected) {
    const url = from ?? env[upstreamEnvVar(spec.name)] ?? upstream.url;
    try {
      const outcome = await syncOne(spec, upstream, url, check);
      if (outcome === "differs") differs++;
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      failed++;
      console.error(`${COMMAND}: ${spec.name}: ${error.message} (${displayPath(spec.path)} left unchanged)`);
    }
  }
  if (check && differs > 0)
    console.error(`${COMMAND} --check: ${differs} spec(s) differ from upstream; run \`pnpm specs:sync\` to update`);
  return failed > 0 || differs > 0 ? 1 : 0;
}
