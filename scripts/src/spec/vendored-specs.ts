import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { displayPath } from "../shared/repo-paths.js";
import { parseDigestLine, sha256 } from "../shared/sha256.js";
import { SpecError } from "../shared/spec-error.js";

const SPEC_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export interface VendoredSpec {
  /** Provider name: the file name without extension. */
  name: string;
  fileName: string;
  path: string;
  digestPath: string;
}

/**
 * What a provider name (a spec's file name, a package folder) may be: it becomes a folder, a script
 * argument in package.json and a string in generated code, so nothing a shell or a parser could read
 * as anything else. Checked wherever a name enters: vendoring, sync, generate.
 */
export const PROVIDER_NAME = /^[a-z][a-z0-9-]{0,63}$/;

export function providerNameProblem(name: string): string | undefined {
  return PROVIDER_NAME.test(name)
    ? undefined
    : `provider name ${JSON.stringify(name)} must be lower-case letters, digits and "-", starting with a letter (at most 64)`;
}

/** Every spec in `specs/`, sorted by name so output order never depends on the file system. */
export async function listVendoredSpecs(specsDir: string): Promise<VendoredSpec[]> {
  const entries = await readdir(specsDir);
  return entries
    .filter((fileName) => SPEC_EXTENSIONS.has(extname(fileName)))
    .sort()
    .map((fileName) => {
      const name = basename(fileName, extname(fileName));
      const problem = providerNameProblem(name);
      if (problem) {
        throw new SpecError(displayPath(join(specsDir, fileName)), `${problem}; rename the file (pnpm specs:vendor)`);
      }
      return { name, fileName, path: join(specsDir, fileName), digestPath: join(specsDir, `${fileName}.sha256`) };
    });
}

/**
 * The specs a command was asked for by name (every spec when none is named), or, when a name has no
 * spec, the problem to print: the unknown names, where they were looked for, and the names there are.
 */
export async function selectVendoredSpecs(
  specsDir: string,
  names: readonly string[],
): Promise<{ selected: VendoredSpec[] } | { problem: string }> {
  const specs = await listVendoredSpecs(specsDir);
  const unknown = names.filter((name) => !specs.some((spec) => spec.name === name));
  if (unknown.length > 0) {
    const have = specs.map((spec) => spec.name).join(", ");
    return { problem: `no spec for ${unknown.join(", ")} in ${displayPath(specsDir)} (have: ${have})` };
  }
  return { selected: names.length > 0 ? specs.filter((spec) => names.includes(spec.name)) : specs };
}

/** Throws unless the spec's bytes still match the digest the vendoring step recorded. */
export async function verifyVendoredDigest(spec: VendoredSpec, content: string | Uint8Array): Promise<string> {
  const actual = sha256(content);
  let recorded: string;
  try {
    recorded = await readFile(spec.digestPath, "utf8");
  } catch {
    throw new SpecError(
      displayPath(spec.digestPath),
      "missing digest file; vendor specs with `pnpm specs:vendor` so the digest is recorded",
    );
  }
  const parsed = parseDigestLine(recorded);
  if (!parsed) throw new SpecError(displayPath(spec.digestPath), "expected `<sha256>  <file name>`", 1, 1);
  if (parsed.digest !== actual) {
    throw new SpecError(
      displayPath(spec.path),
      `content does not match its recorded SHA-256 (${parsed.digest.slice(0, 12)}…, now ${actual.slice(0, 12)}…): vendored specs are never edited by hand; re-vendor it with \`pnpm specs:vendor\``,
    );
  }
  return actual;
}
