import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export interface BundleSize {
  /** Minified bytes. */
  minified: number;
  /** Gzip (level 9) of the minified bundle: roughly what goes over the wire. */
  gzip: number;
}

/**
 * Bundles `source` (a small consumer module) the way an application's bundler would ship it:
 * ESM, browser platform, minified, tree-shaken, every dependency inlined. `resolveDir` is where
 * its imports resolve from (a directory whose node_modules has the packages).
 */
export async function bundleSize(source: string, resolveDir: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir, loader: "ts", sourcefile: "consumer.ts" },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/** A consumer that creates a provider's client and calls one named method: what a budget is measured on. */
export function providerConsumer(packageName: string, factory: string, method: string): string {
  return [
    `import { ${factory} } from ${JSON.stringify(packageName)};`,
    `const client = ${factory}({ apiKey: "k" });`,
    `export const call = (input: any) => client.${method}(input);`,
  ].join("\n");
}
