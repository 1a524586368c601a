import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { bundleSize, providerConsumer } from "../packaging/bundle-size.js";
import { providerPackages } from "../packaging/provider-packages.js";
import { formatBytes, formatRatio, markdownTable } from "./shared/format.js";
import type { SectionOptions, SectionResult } from "./shared/section.js";

const PEERS: [string, string][] = [
  [
    "openapi-fetch alone (one DELETE)",
    'import createClient from "openapi-fetch"; const client = createClient({ baseUrl: "https://api.example.test" }); export const call = (id: string) => client.DELETE("/items/{id}" as never, { params: { path: { id } } } as never);',
  ],
  [
    "axios (one delete)",
    'import axios from "axios"; export const call = (id: string) => axios.delete(["https://api.example.test/items", id].join("/"));',
  ],
  [
    "@specsdk/core alone (createProviderClient)",
    'import { createProviderClient } from "@specsdk/core"; export const create = createProviderClient;',
  ],
  [
    "@specsdk/core with every feature (event streams, pagination, form bodies, deepObject queries)",
    'import { createProviderClient, deepObjectQuery, encodeBody, eventStream, paginate } from "@specsdk/core"; export const create = (p: any) => createProviderClient(p, {}, { eventStream, paginate, encodeBody, deepObjectQuery });',
  ],
];

/** §3: what a consumer's bundler ships, next to openapi-fetch alone and axios, with the CI budgets. */
export async function bundleSizeSection(options: SectionOptions): Promise<SectionResult> {
  const resolveDir = join(options.root, "scripts");
  const budgets = (
    JSON.parse(await readFile(join(options.root, "scripts/size-budgets.json"), "utf8")) as {
      gzipBytes: Record<string, number>;
    }
  ).gzipBytes;
  const openapiFetch = await bundleSize(PEERS[0]?.[1] ?? "", resolveDir);
  const rows: string[][] = [];
  for (const pkg of await providerPackages(join(options.root, "packages"))) {
    const size = await bundleSize(providerConsumer(pkg.packageName, pkg.clientFactory, pkg.firstMethod), resolveDir);
    const budget = budgets[pkg.packageName];
    rows.push([
      `${pkg.packageName} (\`${pkg.firstMethod}\`)`,
      formatBytes(size.minified),
      formatBytes(size.gzip),
      formatRatio(size.gzip / openapiFetch.gzip),
      budget === undefined ? "none" : `${formatBytes(budget)} (${Math.round((size.gzip / budget) * 100)} %)`,
    ]);
  }
  for (const [label, source] of PEERS) {
    const size = await bundleSize(source, resolveDir);
    rows.push([
      label,
      formatBytes(size.minified),
      formatBytes(size.gzip),
      formatRatio(size.gzip / openapiFetch.gzip),
      "–",
    ]);
  }
  const table = markdownTable(["bundle", "minified", "gzip", "× openapi-fetch", "CI budget (used)"], rows);
  return {
    id: "size",
    console: table,
    markdown: [
      "esbuild 0.28 (ESM, `platform: browser`, minified, tree-shaken, all dependencies inlined), gzip -9. Each provider row is a consumer that creates the client and calls one named method; it includes @specsdk/core and openapi-fetch. Budgets: `scripts/size-budgets.json`, enforced by `scripts/test/size-budgets.test.ts` in `pnpm test`.",
      "",
      table,
    ].join("\n"),
  };
}
