/** The packaging checks catch what they claim to, on deliberately broken inputs. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ConsumerProject, installedTreeProblems } from "../src/packaging/consumer-project.js";
import type { Manifest, PackedPackage } from "../src/packaging/pack.js";
import {
  exportedDataFiles,
  fileListProblems,
  manifestProblems,
  readmeProblems,
} from "../src/packaging/packed-contents.js";
import { readTarball } from "../src/packaging/tarball.js";

const GOOD: Manifest = {
  name: "@specsdk/example",
  version: "0.1.0",
  description: "An example",
  license: "MIT",
  type: "module",
  sideEffects: false,
  engines: { node: ">=20.19" },
  exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" },
  files: ["dist", "README.md"],
  keywords: ["openapi"],
  repository: { type: "git", url: "git+https://github.com/specsdk/specsdk.git", directory: "packages/example" },
  dependencies: { "@specsdk/core": "^0.1.0", "openapi-fetch": "0.17.0" },
  publishConfig: { access: "public", provenance: true },
};

describe("manifestProblems", () => {
  it("accepts complete metadata", () => {
    expect(manifestProblems(GOOD)).toEqual([]);
  });

  it.each([
    ["a workspace: range", { dependencies: { "@specsdk/core": "workspace:^" } }, /workspace:\^/],
    ["a link: range in devDependencies", { devDependencies: { x: "link:../x" } }, /devDependencies\.x/],
    ["a foreign runtime dependency", { dependencies: { lodash: "4.17.21" } }, /dependencies\.lodash/],
    ["types not first", { exports: { ".": { default: "./dist/index.js", types: "./dist/index.d.ts" } } }, /types/],
    ["sideEffects missing", { sideEffects: undefined }, /sideEffects/],
    ["no engines", { engines: undefined }, /engines/],
    ["duplicate keywords", { keywords: ["a", "a"] }, /duplicates/],
    ["no provenance", { publishConfig: { access: "public" } }, /publishConfig/],
    ["no repository directory", { repository: { type: "git", url: "git+https://x/y.git" } }, /repository/],
    ["private", { private: true }, /private/],
    ["Prism in a client", { dependencies: { "@stoplight/prism-http": "5.12.0" } }, /dependencies\.@stoplight/],
    ["the mock server in a client", { dependencies: { "@specsdk/mock": "^0.1.0" } }, /@specsdk\/mock: the mock/],
  ])("reports %s", (_, change, pattern) => {
    const problems = manifestProblems({ ...GOOD, ...change } as Manifest);
    expect(problems.join("\n")).toMatch(pattern);
  });

  it("lets @specsdk/mock, and only it, depend on Prism", () => {
    const dependencies = { "@stoplight/prism-core": "5.8.0", "@stoplight/prism-http-server": "5.12.2" };
    expect(manifestProblems({ ...GOOD, name: "@specsdk/mock", dependencies })).toEqual([]);
  });
});

describe("fileListProblems and readmeProblems", () => {
  it("expect the data files exports names as they are (a provider's spec), not the build or package.json", () => {
    const exports = { ...(GOOD.exports as object), "./openapi.yaml": "./openapi.yaml", "./x": "./dist/x.js" };
    expect(exportedDataFiles({ ...GOOD, exports })).toEqual(["openapi.yaml"]);
    expect(exportedDataFiles(GOOD)).toEqual([]);
  });

  it("name an extra and a missing file", () => {
    expect(fileListProblems(["dist/index.js", "test/a.test.ts"], ["dist/index.js", "LICENSE"])).toEqual([
      "ships unexpected file test/a.test.ts",
      "does not ship LICENSE",
    ]);
  });

  it("name missing README sections and install line", () => {
    expect(readmeProblems(undefined, "@specsdk/x")).toEqual(["has no README.md"]);
    const problems = readmeProblems("# x\n\n## Install\n\n## Usage\n", "@specsdk/x");
    expect(problems).toEqual([
      'README.md has no "## Errors" section',
      'README.md has no "## Options" section',
      "README.md does not show `npm install @specsdk/x`",
    ]);
    const sections = "## Install\n\n## Usage\n\n## Errors\n\n## Options\n";
    expect(readmeProblems(`${sections}npm install --save-dev @specsdk/x\n`, "@specsdk/x")).toEqual([]);
    expect(readmeProblems(`${sections}npm install @specsdk/xy\n`, "@specsdk/x")).toHaveLength(1);
  });
});

/** A minimal ustar archive, gzipped, as npm/pnpm write them. */
function tgz(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    const header = Buffer.alloc(512);
    header.write(name, 0, "utf8");
    header.write(`${Buffer.byteLength(content).toString(8).padStart(11, "0")}\0`, 124, "ascii");
    header.write("0", 156, "ascii");
    header.write("ustar\0", 257, "ascii");
    blocks.push(header, Buffer.from(content), Buffer.alloc((512 - (Buffer.byteLength(content) % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

describe("with a temporary directory", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "specsdk-checks-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("readTarball lists every regular file without the package/ prefix", async () => {
    const path = join(dir, "x.tgz");
    await writeFile(path, tgz({ "package/package.json": "{}", "package/LICENSE": "MIT", "package/dist/a.js": "x" }));
    const files = await readTarball(path);
    expect([...files.keys()].sort()).toEqual(["LICENSE", "dist/a.js", "package.json"]);
    expect(files.get("LICENSE")?.toString()).toBe("MIT");
  });

  it("installedTreeProblems flags foreign packages, registry copies of ours, duplicates and links", async () => {
    await mkdir(join(dir, "node_modules/@specsdk/core"), { recursive: true });
    await mkdir(join(dir, "elsewhere"));
    await symlink(join(dir, "elsewhere"), join(dir, "node_modules/@specsdk/modelslab"));
    const packed = [{ name: "@specsdk/core" }, { name: "@specsdk/modelslab" }] as PackedPackage[];
    const project: ConsumerProject = {
      dir,
      lockfile: {
        packages: {
          "": {},
          "node_modules/@specsdk/core": { version: "0.1.0", resolved: "https://registry.example/core-0.1.0.tgz" },
          "node_modules/@specsdk/modelslab": { version: "0.1.0", resolved: "file:../t/modelslab.tgz" },
          "node_modules/@specsdk/modelslab/node_modules/@specsdk/core": {
            version: "0.0.9",
            resolved: "file:../t/core.tgz",
          },
          "node_modules/openapi-fetch": { version: "0.17.0" },
          "node_modules/left-pad": { version: "1.3.0" },
          "node_modules/typescript": { version: "5.9.3", dev: true },
        },
      },
    };
    const problems = await installedTreeProblems(project, packed);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/@specsdk\/core resolved to https:/),
        "node_modules/@specsdk/modelslab is a symlink",
        expect.stringMatching(/@specsdk\/core is installed twice/),
        "unexpected runtime dependency left-pad@1.3.0 (node_modules/left-pad)",
        "openapi-typescript-helpers is not installed",
      ]),
    );
    expect(problems.join("\n")).not.toContain("typescript@");
  });
});
