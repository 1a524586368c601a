import { join } from "node:path";
import { displayPath, repoLayout } from "../shared/repo-paths.js";
import { selectVendoredSpecs } from "../spec/vendored-specs.js";
import { formatGeneratedTypeScript } from "./format-generated.js";
import { type GeneratedPackage, generateProvider } from "./generate-provider.js";
import { staleFiles, writePackage } from "./package-output.js";

export interface GenerateOptions {
  /** Specs to compile, by name; every spec in specs/ when none. */
  providers?: string[];
  /** Write nothing; exit 1 naming each stale file. */
  check?: boolean;
}

/** `generate [provider…] [--check]`; returns the exit code. Spec problems throw SpecError. */
export async function runGenerate({ providers = [], check = false }: GenerateOptions, root?: string): Promise<number> {
  const { specsDir, packagesDir } = repoLayout(root);
  const selection = await selectVendoredSpecs(specsDir, providers);
  if ("problem" in selection) {
    console.error(`generate: ${selection.problem}`);
    return 2;
  }
  const { selected } = selection;

  const outputs: [string, Pick<GeneratedPackage, "files" | "notes">][] = [];
  for (const spec of selected) {
    const generated = await generateProvider(spec, packagesDir);
    outputs.push([join(packagesDir, spec.name), generated]);
    for (const { dir, files } of generated.companions) outputs.push([join(packagesDir, dir), { files, notes: [] }]);
  }
  await formatGeneratedTypeScript(outputs.map(([packageDir, { files }]) => [packageDir, files]));

  if (check) {
    const stale: string[] = [];
    for (const [packageDir, { files }] of outputs) {
      for (const file of await staleFiles(packageDir, files)) stale.push(displayPath(join(packageDir, file)));
    }
    if (stale.length > 0) {
      console.error(`generate --check: ${stale.length} generated file(s) are stale; run \`pnpm generate\` and commit:`);
      for (const file of stale) console.error(`  ${file}`);
      return 1;
    }
    console.log(`generate --check: ${outputs.length} package(s) up to date`);
    return 0;
  }
  for (const [packageDir, { files, notes }] of outputs) {
    const changed = await writePackage(packageDir, files);
    console.log(`${displayPath(packageDir)}: ${changed.length === 0 ? "up to date" : `wrote ${changed.join(", ")}`}`);
    if (notes.length > 0) console.log(`  contract tests, ${notes.length} note(s):`);
    for (const note of notes) console.log(`  - ${note}`);
  }
  return 0;
}
