/**
 * The published packages as users get them: every package packed with pnpm (what `changeset publish`
 * uploads), installed with plain npm into a fresh project outside the workspace, type-checked with
 * TypeScript 5 and 7 under nodenext and bundler resolution, run on Node 20, 22 and 24 against Prism
 * mock servers, and bundled for and run in headless Chromium. Needs the npm registry (one install;
 * Node binaries are downloaded once and cached) and /usr/bin/chromium; missing either is a failure.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningPrism, startPrism } from "@specsdk/testing";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleForBrowser, runInChromium } from "../src/packaging/browser-run.js";
import {
  type ConsumerProject,
  createConsumerProject,
  installedTreeProblems,
  type ModuleResolution,
  TYPESCRIPT_VERSIONS,
  type TypeScriptAlias,
} from "../src/packaging/consumer-project.js";
import { type NodeBinary, nodeBinary } from "../src/packaging/node-binaries.js";
import { type PackedPackage, packAll } from "../src/packaging/pack.js";
import { isMcpPackage, MOCK_PACKAGE } from "../src/packaging/packed-contents.js";
import { exec } from "../src/shared/exec.js";
import { repoRoot } from "../src/shared/repo-paths.js";

const MINUTE = 60_000;
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures/consumer");
const NODE_MAJORS = [20, 22, 24] as const;

let workDir: string;
/** Every published package, packed. */
let packed: PackedPackage[];
/** What an application installs: the clients, not the mock server for tests (mock-consumer.test.ts has it). */
let clients: PackedPackage[];
let project: ConsumerProject;
/** Per major: the binary, or why it could not be had (reported by that version's tests, not skipped). */
const nodes = new Map<number, NodeBinary | Error>();
const prism: Record<"modelslab" | "primeintellect" | "modelslabCors" | "primeintellectCors", RunningPrism | undefined> =
  { modelslab: undefined, primeintellect: undefined, modelslabCors: undefined, primeintellectCors: undefined };

function prismUrl(name: keyof typeof prism): string {
  const running = prism[name];
  if (!running) throw new Error(`Prism ${name} is not running`);
  return running.url;
}

function node(major: number): NodeBinary {
  const binary = nodes.get(major);
  if (binary instanceof Error) throw binary;
  if (!binary) throw new Error(`Node.js ${major} was not prepared`);
  return binary;
}

/** Environment of a consumer run: the Prism URLs, no API keys and no inherited Node flags. */
function runEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MODELSLAB_URL: prismUrl("modelslab"),
    PRIMEINTELLECT_URL: prismUrl("primeintellect"),
  };
  for (const name of ["NODE_OPTIONS", "MODELSLAB_API_KEY", "PRIME_API_KEY", "SPECSDK_DEBUG"]) delete env[name];
  return env;
}

function lastJsonLine(stdout: string): unknown {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(line);
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "specsdk-consumer-"));
  packed = await packAll(join(workDir, "tarballs"));
  // MCP servers are tools with their own consumer test (mcp-server.test.ts), not client libraries.
  clients = packed.filter((pkg) => pkg.name !== MOCK_PACKAGE && !isMcpPackage(pkg.packedManifest));
  const fixtures = Object.fromEntries(
    await Promise.all(
      ["consumer.ts", "browser.ts", "require.cjs"].map(async (name) => [
        name,
        await readFile(join(FIXTURES, name), "utf8"),
      ]),
    ),
  );
  const preparingNodes = Promise.all(
    NODE_MAJORS.map(async (major) => {
      nodes.set(major, await nodeBinary(major).catch((error: unknown) => error as Error));
    }),
  );
  [project] = await Promise.all([
    createConsumerProject(join(workDir, "project"), clients, fixtures),
    preparingNodes,
    (async () => {
      const spec = (name: string) => join(repoRoot, "specs", `${name}.yaml`);
      prism.modelslab = await startPrism(spec("modelslab"));
      prism.primeintellect = await startPrism(spec("primeintellect"));
      prism.modelslabCors = await startPrism(spec("modelslab"), { cors: true });
      prism.primeintellectCors = await startPrism(spec("primeintellect"), { cors: true });
    })(),
  ]);
  // What Node runs is the type-checked file with its types stripped, nothing else changed.
  const { code } = await transform(fixtures["consumer.ts"] ?? "", { loader: "ts", format: "esm", target: "es2022" });
  await writeFile(join(project.dir, "consumer.mjs"), code);
}, 10 * MINUTE);

afterAll(async () => {
  await Promise.allSettled(Object.values(prism).map((running) => running?.close()));
  // SPECSDK_KEEP_CONSUMER=1 keeps the packed tarballs and the project for a look after a failure.
  if (process.env.SPECSDK_KEEP_CONSUMER) console.log(`consumer project kept in ${workDir}`);
  else if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe("installing the packed tarballs with npm", () => {
  it("packs every published package, and no packed or installed package.json keeps a workspace: range", async () => {
    expect(packed.map((pkg) => pkg.name)).toEqual([
      "@specsdk/core",
      "@specsdk/mcp",
      "@specsdk/mock",
      "@specsdk/modelslab",
      "@specsdk/modelslab-mcp",
      "@specsdk/primeintellect",
      "@specsdk/primeintellect-mcp",
    ]);
    for (const pkg of packed) expect(JSON.stringify(pkg.packedManifest), pkg.name).not.toContain("workspace:");
    for (const pkg of clients) {
      const installed = await readFile(join(project.dir, "node_modules", pkg.name, "package.json"), "utf8");
      expect(installed, pkg.name).not.toContain("workspace:");
      expect(JSON.parse(installed).version).toBe(pkg.packedManifest.version);
    }
    const providers = clients.filter((pkg) => pkg.name !== "@specsdk/core");
    for (const pkg of providers) {
      expect(pkg.packedManifest.dependencies).toEqual({ "@specsdk/core": `^${pkg.packedManifest.version}` });
    }
  });

  it("installs only our packages (from the tarballs, extracted, not linked), openapi-fetch, its helper and the event parser", async () => {
    expect(await installedTreeProblems(project, clients)).toEqual([]);
  });
});

describe.each(Object.keys(TYPESCRIPT_VERSIONS) as TypeScriptAlias[])("strict consumer type-checks with %s", (alias) => {
  it.each(["nodenext", "bundler"] as ModuleResolution[])(
    "moduleResolution %s",
    async (resolution) => {
      const tsc = join(project.dir, "node_modules", alias, "bin", "tsc");
      const version = await exec(process.execPath, [tsc, "--version"], { cwd: project.dir });
      expect(version.stdout).toContain(TYPESCRIPT_VERSIONS[alias]);
      const result = await exec(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`, "--pretty", "false"], {
        cwd: project.dir,
        timeoutMs: 5 * MINUTE,
      });
      expect(`${result.stdout}${result.stderr}`.trim()).toBe("");
      expect(result.code).toBe(0);
    },
    5 * MINUTE,
  );
});

describe.each(NODE_MAJORS)("on Node.js %i", (major) => {
  it(
    "the ESM consumer makes raw and named calls to both providers, and errors decode into typed classes",
    async () => {
      const binary = node(major);
      const result = await exec(binary.path, ["consumer.mjs"], { cwd: project.dir, env: runEnv(), timeoutMs: MINUTE });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const output = lastJsonLine(result.stdout);
      const [ml, pi] = [prismUrl("modelslab"), prismUrl("primeintellect")];
      const success = { status: "success", messege: "image deleted" };
      expect(output).toEqual({
        node: binary.version,
        modelslab: {
          raw: { status: 200, data: success, error: null, rawStatus: "success" },
          named: { result: success, messege: "image deleted" },
          error: {
            name: "BadRequestError",
            apiError: true,
            badRequest: true,
            sameClassAsCore: true,
            status: 400,
            body: { status: "error", message: expect.any(String) },
            method: "POST",
            fieldProblems: expect.any(Array),
          },
          missingKey: { configurationError: true, message: expect.stringMatching(/apiKey.*MODELSLAB_API_KEY/) },
        },
        primeintellect: {
          raw: { status: 200, data: { success: true, message: expect.any(String) } },
          named: { result: { success: true, message: expect.any(String) }, success: true },
          error: {
            name: "UnprocessableEntityError",
            apiError: true,
            unprocessable: true,
            sameClassAsCore: true,
            status: 422,
            body: { errors: [{ param: expect.any(String), details: expect.any(String) }] },
            method: "DELETE",
            fieldProblems: [{ field: expect.any(String), message: expect.any(String) }],
          },
          withResponse: {
            data: { success: true, message: expect.any(String) },
            status: 200,
            contentType: "application/json",
          },
          stream: { isStream: true, body: { success: true, message: expect.any(String) } },
          unauthorized: { status: 401, truthy: true, authenticationError: true },
          aborted: { userAbort: true, cause: "user left" },
        },
        sent: [
          `POST ${ml}/delete_image`,
          `POST ${ml}/delete_image`,
          `POST ${ml}/delete_image`,
          `DELETE ${pi}/api/v1/images/my-img/v1?teamId=t1`,
          `DELETE ${pi}/api/v1/images/my-img/v1`,
          `DELETE ${pi}/api/v1/images/my-img/v1`,
          `DELETE ${pi}/api/v1/images/my-img/v1`,
          `DELETE ${pi}/api/v1/images/my-img/v1`,
          `DELETE ${pi}/api/v1/images/my-img/v1`,
        ],
        violations: [],
      });
    },
    5 * MINUTE,
  );

  it(
    "require() from CommonJS loads the ESM build (require(esm)) and calls the API",
    async () => {
      const binary = node(major);
      const result = await exec(binary.path, ["require.cjs"], { cwd: project.dir, env: runEnv(), timeoutMs: MINUTE });
      expect(result.code, result.stderr).toBe(0);
      expect(lastJsonLine(result.stdout)).toEqual({
        result: { status: "success", messege: "image deleted" },
        sameApiErrorAsCore: true,
        primeIntellectFactory: "function",
      });
    },
    5 * MINUTE,
  );
});

describe("in a browser", () => {
  it(
    "the esbuild browser bundle calls both providers through CORS in headless Chromium, without `process`",
    async () => {
      const bundle = await bundleForBrowser("browser.ts", project.dir);
      expect(bundle.code).toContain("deleteUserImage");
      const run = await runInChromium(bundle.code, {
        modelslab: prismUrl("modelslabCors"),
        primeintellect: prismUrl("primeintellectCors"),
      });
      expect(run.failure).toBeUndefined();
      // Chromium logs the deliberate 400 and 401 as failed resource loads; anything else is a real error.
      expect(run.pageErrors.filter((line) => !/status of 40[01]/.test(line))).toEqual([]);
      expect(run.result).toEqual({
        hasProcess: false,
        named: { status: "success", messege: "image deleted" },
        raw: { status: 200, data: { success: true, message: expect.any(String) } },
        error: { name: "BadRequestError", status: 400, body: { status: "error", message: expect.any(String) } },
        missingKey: "ClientConfigurationError",
        withResponse: { status: 200, success: true },
        stream: { success: true },
        unauthorized: { status: 401, name: "AuthenticationError" },
        aborted: "ApiUserAbortError",
      });
    },
    5 * MINUTE,
  );
});
