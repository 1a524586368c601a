import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeFileAtomically } from "./atomic-write.js";
import { extractOpenApiBlock } from "./extract-openapi-block.js";
import { parseSpecText, validateSpecText } from "./load-spec.js";
import { displayPath, repoLayout } from "./repo-paths.js";
import { digestLine } from "./sha256.js";
import { SpecError } from "./spec-error.js";

const PROVIDER_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * `specs:vendor <source> <provider>`: copies an OpenAPI document into specs/<provider>.yaml and
 * records its SHA-256 beside it. The source is a spec file, or a documentation page whose ```yaml
 * block is the spec. Validated before anything is written; both files are written atomically.
 */
export async function runVendor(argv: string[], root?: string): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true });
  const [source, provider] = positionals;
  if (!source || !provider || positionals.length > 2) {
    console.error("usage: pnpm specs:vendor <spec-or-doc-page> <provider>");
    return 2;
  }
  if (!PROVIDER_NAME.test(provider)) {
    console.error(`specs:vendor: provider name ${JSON.stringify(provider)} must match ${PROVIDER_NAME}`);
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
  const { specsDir } = repoLayout(root);
  const fileName = `${provider}.yaml`;
  const target = join(specsDir, fileName);
  parseSpecText(spec, source);
  await validateSpecText(spec, target, source);
  await writeFileAtomically(target, spec);
  await writeFileAtomically(`${target}.sha256`, digestLine(spec, fileName));
  console.log(`vendored ${displayPath(target)} (${digestLine(spec, fileName).split(" ")[0]})`);
  return 0;
}
