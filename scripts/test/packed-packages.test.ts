/**
 * What `pnpm publish -r` (through `changeset publish`) would upload, checked on the real tarballs
 * from `pnpm pack`: exactly the expected files, complete metadata, a README, publint and attw clean.
 * `pnpm check:packages` runs the same checks and prints sizes.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attwProblems, publintProblems } from "../src/packaging/lint-packages.js";
import { type PackedPackage, packAll } from "../src/packaging/pack.js";
import {
  expectedPackedFiles,
  manifestProblems,
  PACKAGE_FILES,
  readmeProblems,
} from "../src/packaging/packed-contents.js";
import { readTarball } from "../src/packaging/tarball.js";
import { repoRoot } from "../src/shared/repo-paths.js";

const PROVIDERS = ["@specsdk/modelslab", "@specsdk/primeintellect"];
/** The MCP runtime and each provider's generated MCP server. */
const MCP = ["@specsdk/mcp", ...PROVIDERS.map((name) => `${name}-mcp`)];
const PUBLISHED = ["@specsdk/core", "@specsdk/mock", ...PROVIDERS, ...MCP].sort((a, b) => a.localeCompare(b));
/** Files users must never get: sources (other than .d.ts), tests, provider and build configuration. */
const FORBIDDEN = /^(src|test)\/|\.test(-d)?\.|provider\.config\.json|tsconfig|vitest|turbo\.json|(?<!\.d)\.tsx?$/;

let destination: string;
let packed: PackedPackage[];

beforeAll(async () => {
  destination = await mkdtemp(join(tmpdir(), "specsdk-pack-test-"));
  packed = await packAll(destination);
}, 300_000);

afterAll(async () => {
  if (destination) await rm(destination, { recursive: true, force: true });
});

function get(name: string): PackedPackage {
  const pkg = packed.find((candidate) => candidate.name === name);
  if (!pkg) throw new Error(`${name} was not packed`);
  return pkg;
}

it("packs exactly the published packages (the private ones are left out)", () => {
  expect(packed.map((pkg) => pkg.name)).toEqual(PUBLISHED);
});

describe.each(PUBLISHED)("%s tarball", (name) => {
  it("ships exactly dist/*.js, .js.map and .d.ts per source module, README.md, package.json and LICENSE", async () => {
    const pkg = get(name);
    expect(pkg.files).toEqual(await expectedPackedFiles(pkg.dir));
    // A provider also ships its vendored spec, which `@specsdk/mock` serves.
    const shipped = [...PACKAGE_FILES, ...(PROVIDERS.includes(name) ? ["openapi.yaml"] : [])];
    for (const file of pkg.files) {
      expect(file.startsWith("dist/") || shipped.includes(file), file).toBe(true);
      expect(file, "no TypeScript sources, tests or build config").not.toMatch(FORBIDDEN);
    }
    expect(pkg.files).toContain("dist/index.js");
    expect(pkg.files).toContain("dist/index.d.ts");
    // A generated MCP server ships its command, which npm links as `<provider>-mcp`.
    if (MCP.includes(name) && name !== "@specsdk/mcp") {
      const bin = `${name.split("/")[1]}`;
      expect(pkg.packedManifest.bin).toEqual({ [bin]: "./dist/bin.js" });
      expect((await readTarball(pkg.tarball)).get("dist/bin.js")?.toString("utf8")).toMatch(
        /^#!\/usr\/bin\/env node\n/,
      );
    }
  });

  it("has complete, installable package.json metadata and a README with install, usage, errors and options", () => {
    const pkg = get(name);
    expect(manifestProblems(pkg.packedManifest)).toEqual([]);
    expect(readmeProblems(pkg.readme, name)).toEqual([]);
  });

  it("source maps carry their sources inline (the .ts files are not shipped)", async () => {
    const pkg = get(name);
    const contents = await readTarball(pkg.tarball);
    const map = JSON.parse(contents.get("dist/index.js.map")?.toString("utf8") ?? "{}") as {
      sources?: string[];
      sourcesContent?: string[];
    };
    expect(map.sources?.length).toBeGreaterThan(0);
    expect(map.sourcesContent?.length).toBe(map.sources?.length);
  });

  it("publint reports nothing, not even suggestions", async () => {
    expect(await publintProblems(get(name).tarball)).toEqual([]);
  });

  it("Are the Types Wrong? reports nothing beyond the ESM-only require() note", async () => {
    expect(await attwProblems(get(name).tarball)).toEqual([]);
  }, 120_000);
});

describe.each(PROVIDERS)("%s spec", (name) => {
  it("ships the vendored spec byte for byte as openapi.yaml, exported for require.resolve", async () => {
    const pkg = get(name);
    const contents = await readTarball(pkg.tarball);
    const vendored = await readFile(join(repoRoot, "specs", `${name.split("/")[1]}.yaml`), "utf8");
    expect(contents.get("openapi.yaml")?.toString("utf8")).toBe(vendored);
    expect(pkg.packedManifest.exports).toMatchObject({ "./openapi.yaml": "./openapi.yaml" });
  });
});
