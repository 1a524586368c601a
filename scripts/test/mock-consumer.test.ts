/**
 * @specsdk/mock the way an application's tests use it: the packed @specsdk/core, @specsdk/primeintellect
 * and @specsdk/mock tarballs installed with plain npm into a fresh project outside the workspace, with
 * vitest, TypeScript and @types/node as its dev dependencies. Its test files — fixtures/mock-consumer/
 * app-tests.ts and the vitest example of the packed Prime Intellect README — are type-checked (strict,
 * nodenext and bundler) and run by the project's own vitest, so `startMock("primeintellect")` resolves the
 * spec from that project's node_modules. Needs the npm registry. `SPECSDK_KEEP_CONSUMER=1` keeps the project.
 */
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COMPILER_DEV_DEPENDENCIES,
  type ConsumerProject,
  createConsumerProject,
  dependencyClosure,
  type ModuleResolution,
} from "../src/packaging/consumer-project.js";
import { type PackedPackage, packPackage, publishedPackages } from "../src/packaging/pack.js";
import { ALLOWED_RUNTIME_DEPENDENCIES, MOCK_PACKAGE } from "../src/packaging/packed-contents.js";
import { exec } from "../src/shared/exec.js";
import { repoRoot } from "../src/shared/repo-paths.js";

const MINUTE = 60_000;
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures/mock-consumer");
const INSTALLED = ["@specsdk/core", MOCK_PACKAGE, "@specsdk/primeintellect"];
const CLIENTS = INSTALLED.filter((name) => name !== MOCK_PACKAGE);

let workDir: string;
let packed: PackedPackage[];
let project: ConsumerProject;

/** The ```ts block of the README's "Test your code against a mock" section. */
function mockExample(readme: string): string {
  const section = readme.slice(readme.indexOf("## Test your code against a mock"));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error("the README has no TypeScript example under 'Test your code against a mock'");
  return match[1];
}

/** Bytes of the files of one installed package, without the packages nested in its own node_modules. */
async function packageBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += entry.name === "node_modules" ? 0 : await packageBytes(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

/** The environment of the project's vitest: none of this run's vitest or Node settings, no API keys. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0" };
  for (const name of Object.keys(env)) {
    if (/^(VITEST|NODE_OPTIONS$|NODE_ENV$|TEST$|PRIME_API_KEY$|SPECSDK_)/.test(name)) delete env[name];
  }
  return env;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "specsdk-mock-consumer-"));
  const published = (await publishedPackages()).filter((pkg) => INSTALLED.includes(pkg.name));
  packed = await Promise.all(published.map((pkg) => packPackage(pkg, join(workDir, "tarballs"))));
  const readme = packed.find((pkg) => pkg.name === "@specsdk/primeintellect")?.readme ?? "";
  const scripts = JSON.parse(await readFile(join(repoRoot, "scripts/package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  project = await createConsumerProject(
    join(workDir, "project"),
    packed,
    { "app.test.ts": await readFile(join(FIXTURES, "app-tests.ts"), "utf8"), "readme.test.ts": mockExample(readme) },
    {
      devDependencies: {
        "@types/node": COMPILER_DEV_DEPENDENCIES["@types/node"] as string,
        typescript5: COMPILER_DEV_DEPENDENCIES.typescript5 as string,
        vitest: scripts.devDependencies.vitest as string,
      },
      typeChecked: ["app.test.ts", "readme.test.ts"],
    },
  );
}, 10 * MINUTE);

afterAll(async () => {
  if (process.env.SPECSDK_KEEP_CONSUMER) console.log(`mock consumer project kept in ${workDir}`);
  else if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("an application's test project with the packed @specsdk/mock", () => {
  it("installs our three tarballs; Prism comes through @specsdk/mock only, never through a client", async () => {
    for (const name of INSTALLED) {
      expect(project.lockfile.packages[`node_modules/${name}`]?.resolved, name).toMatch(/^file:.*\.tgz$/);
    }
    const clientTree = CLIENTS.flatMap((name) => dependencyClosure(project, `node_modules/${name}`));
    const clientPackages = [...new Set(clientTree.map((key) => key.slice(key.lastIndexOf("node_modules/") + 13)))];
    expect(
      clientPackages.filter((name) => !CLIENTS.includes(name) && !ALLOWED_RUNTIME_DEPENDENCIES.includes(name)),
    ).toEqual([]);

    const mockTree = dependencyClosure(project, `node_modules/${MOCK_PACKAGE}`);
    expect(mockTree).toContain("node_modules/@stoplight/prism-http-server");
    expect(mockTree.filter((key) => key.includes("@specsdk/") && !key.endsWith(MOCK_PACKAGE))).toEqual([]);
    const prism = mockTree.filter((key) => !key.endsWith(MOCK_PACKAGE) && !clientTree.includes(key));
    const bytes = (await Promise.all(prism.map((key) => packageBytes(join(project.dir, key))))).reduce(
      (sum, size) => sum + size,
      0,
    );
    console.log(
      `@specsdk/mock brings ${prism.length} packages, ${(bytes / 1024 / 1024).toFixed(1)} MiB of files (Prism and its dependencies)`,
    );
  });

  it.each(["nodenext", "bundler"] as ModuleResolution[])(
    "its test files type-check, strict, with moduleResolution %s",
    async (resolution) => {
      const tsc = join(project.dir, "node_modules/typescript5/bin/tsc");
      const result = await exec(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`, "--pretty", "false"], {
        cwd: project.dir,
        timeoutMs: 5 * MINUTE,
      });
      expect(`${result.stdout}${result.stderr}`.trim()).toBe("");
      expect(result.code).toBe(0);
    },
    5 * MINUTE,
  );

  it(
    "its own vitest runs the app's tests and the README example against startMock('primeintellect'), all passing",
    async () => {
      const vitest = join(project.dir, "node_modules/vitest/vitest.mjs");
      const result = await exec(
        process.execPath,
        [vitest, "run", "--reporter=json", "--outputFile=vitest-results.json"],
        { cwd: project.dir, env: childEnv(), timeoutMs: 5 * MINUTE },
      );
      const report = JSON.parse(await readFile(join(project.dir, "vitest-results.json"), "utf8")) as {
        success: boolean;
        testResults: { name: string; assertionResults: { title: string; status: string }[] }[];
      };
      const outcomes = Object.fromEntries(
        report.testResults.map((file) => [
          file.name.slice(project.dir.length + 1),
          file.assertionResults.map(({ title, status }) => `${status}: ${title}`),
        ]),
      );
      expect(outcomes, result.stderr).toEqual({
        "app.test.ts": [
          "passed: serves the spec from this project's node_modules, on 127.0.0.1",
          "passed: the client calls it: named and raw calls get the spec's answer",
          "passed: Prefer: code=… gives the typed error classes",
          "passed: Prefer: dynamic=true answers with values generated from the schema",
          "passed: checks the request: without credentials the mock answers 401",
          "passed: an unknown provider lists what is installed and how to install the one asked for",
          "passed: close() frees the port",
        ],
        "readme.test.ts": ["passed: deleteUserImage", "passed: deleteUserImage: a 422 throws UnprocessableEntityError"],
      });
      expect(report.success).toBe(true);
      expect(result.code).toBe(0);
    },
    5 * MINUTE,
  );
});
