import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface ProviderPackage {
  dir: string;
  packageName: string;
  clientFactory: string;
  /** The first operation's named method, in provider.ts order. */
  firstMethod: string;
}

/** Every generated provider package under packages/ (a folder with provider.config.json), sorted by name. */
export async function providerPackages(packagesDir: string): Promise<ProviderPackage[]> {
  const found: ProviderPackage[] = [];
  for (const name of (await readdir(packagesDir)).sort()) {
    const dir = join(packagesDir, name);
    const config = await readFile(join(dir, "provider.config.json"), "utf8").catch(() => undefined);
    if (config === undefined) continue;
    const { packageName, clientFactory } = JSON.parse(config) as { packageName: string; clientFactory: string };
    const metadata = await readFile(join(dir, "src/generated/provider.ts"), "utf8");
    const firstMethod = /\boperations: \{\s*([\w$]+): \{/.exec(metadata)?.[1];
    if (!firstMethod) throw new Error(`${name}: no operation in src/generated/provider.ts`);
    found.push({ dir, packageName, clientFactory, firstMethod });
  }
  return found;
}
