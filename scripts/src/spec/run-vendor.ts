import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { writeFileAtomically } from "../shared/atomic-write.js";
import { displayPath, repoLayout } from "../shared/repo-paths.js";
import { digestLine } from "../shared/sha256.js";
import { SpecError } from "../shared/spec-error.js";
import { bundleExternalRefs } from "./bundle-refs.js";
import { extractOpenApiBlock } from "./extract-openapi-block.js";
import { parseSpecText, validateSpecText } from "./load-spec.js";
import { checkInternalRefs, collectRefs } from "./spec-refs.js";
import { providerNameProblem } from "./vendored-specs.js";

export interface VendorOptions {
  /** A spec file, or a documentation page whose ```yaml block is the spec. */
  source: string;
  /** The provider name: the spec becomes specs/<provider>.yaml. */
  provider: string;
  /** Let external `$ref`s name http(s) URLs (fetched and bundled in); only local files otherwise. */
  allowRemoteRefs?: boolean;
}

/**
 * `specs:vendor <source> <provider>`: copies an OpenAPI document into specs/<provider>.yaml and
 * records its SHA-256 beside it. The source is a spec file, or a documentation page whose ```yaml
 * block is the spec. Validated before anything is written; both files are written atomically.
 */
export async function runVendor(
  { source, provider, allowRemoteRefs = false }: VendorOptions,
  root?: string,
): Promise<number> {
  const problem = providerNameProblem(provider);
  if (problem) {
    console.error(`specs:vendor: ${problem}`);
    return 2;
  }
  let page: string;
  try {
    page = await readFile(source, "utf8");
  } catch (error) {
    throw new SpecError(source, `cannot read file: ${(error as Error).message}`);
  }
  const spec = /^\s*(openapi|\{)/.test(page) ? page : extractOpenApiBlock(page);
  if (spec === undefined)
    throw new SpecError(source, "no OpenAPI document found (neither a spec nor a page with a ```yaml block)");
  await vendorSpecText({ text: spec, source, provider, allowRemoteRefs }, root);
  return 0;
}

/**
 * Writes spec text as specs/<provider>.yaml and its digest: external `$ref`s bundled in (so the
 * vendored bytes are all generate reads), refs and OpenAPI validity checked first, both files
 * written atomically. Returns the paths written.
 */
export async function vendorSpecText(
  {
    text,
    source,
    provider,
    allowRemoteRefs = false,
  }: { text: string; source: string; provider: string; allowRemoteRefs?: boolean },
  root?: string,
): Promise<string[]> {
  const { specsDir } = repoLayout(root);
  const fileName = `${provider}.yaml`;
  const target = join(specsDir, fileName);
  const document = parseSpecText(text, source);
  const external = collectRefs(document).some(({ ref }) => !ref.startsWith("#"));
  const vendored = external ? await bundleExternalRefs(text, document, resolve(source), { allowRemoteRefs }) : text;
  checkInternalRefs(parseSpecText(vendored, source), vendored, source);
  await validateSpecText(vendored, target, source);
  await writeFileAtomically(target, vendored);
  await writeFileAtomically(`${target}.sha256`, digestLine(vendored, fileName));
  const bundled = external ? ", external $refs bundled in" : "";
  console.log(`vendored ${displayPath(target)} (${digestLine(vendored, fileName).split(" ")[0]}${bundled})`);
  return [target, `${target}.sha256`];
}
