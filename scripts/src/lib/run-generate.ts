import { join } from "node:path";
import { parseArgs } from "node:util";
import { type GeneratedFiles, generateProvider } from "./generate-provider.js";
import { staleFiles, writePackage } from "./package-output.js";
import { displayPath, repoLayout } from "./repo-paths.js";
import { listVendoredSpecs } from "./vendored-specs.js";

/** `generate [provider…] [--check]`; returns the exit code. Spec problems throw SpecError. */
export async function runGenerate(argv: string[], root?: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { check: { type: "boolean" } },
  });
  const { specsDir, packagesDir } = repoLayout(root);
  const specs = await listVendoredSpecs(specsDir);
  const unknown = positionals.filter((name) => !specs.some((spec) => spec.name === name));
  if (unknown.length > 0) {
    console.error(
      `generate: no spec for ${unknown.join(", ")} in ${displayPath(specsDir)} (have: ${specs.map((s) => s.name).join(", ")})`,
    );
    return 2;
  }
  const selected = positionals.length > 0 ? specs.filter((spec) => positionals.includes(spec.name)) : specs;

  const outputs: [string, GeneratedFiles][] = [];
  for (const spec of selected) outputs.push([join(packagesDir, spec.name), await generateProvider(spec, packagesDir)]);

  if (values.check) {
    const stale: string[] = [];
    for (const [packageDir, files] of outputs) {
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
  for (const [packageDir, files] of outputs) {
    const changed = await writePackage(packageDir, files);
    console.log(`${displayPath(packageDir)}: ${changed.length === 0 ? "up to date" : `wrote ${changed.join(", ")}`}`);
  }
  return 0;
}
