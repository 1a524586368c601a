import { execFile } from "node:child_process";
import { chmod, cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runAddProvider } from "../src/add-provider/run-add-provider.js";
import { repoRoot } from "../src/shared/repo-paths.js";
import { tempWorkspace } from "./temp-workspace.js";

const run = promisify(execFile);
const FIXTURE = join(repoRoot, "scripts/test/corpus-fixtures/fraudlabspro-sms-verification.json");

/** Every file under the workspace's specs/, packages/ and .changeset/ (build output and installs aside), with its content. */
async function tree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const top of ["specs", "packages", ".changeset"]) {
    const entries = await readdir(join(root, top), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      const path = join(entry.parentPath, entry.name);
      if (!entry.isFile() || /[/\\](node_modules|dist|\.turbo)[/\\]/.test(path)) continue;
      files.set(path.slice(root.length), await readFile(path, "utf8"));
    }
  }
  files.set("pnpm-lock.yaml", await readFile(join(root, "pnpm-lock.yaml"), "utf8"));
  return files;
}

describe("pnpm providers:add", () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeAll(async () => {
    workspace = await tempWorkspace();
    // The repo's turbo cache: core and testing, built already, are restored instead of rebuilt.
    await cp(join(repoRoot, ".turbo/cache"), join(workspace.root, ".turbo/cache"), { recursive: true }).catch(() => {});
    await run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"], {
      cwd: workspace.root,
    });
  }, 300_000);
  afterAll(() => workspace?.dispose());

  it("refuses a Swagger 2.0 document, an existing name and a bad --auth, writing nothing", async () => {
    const before = await tree(workspace.root);
    const swagger = join(workspace.root, "swagger.json");
    await writeFile(swagger, JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} }));
    await expect(runAddProvider({ provider: "legacy", source: swagger }, workspace.root)).rejects.toThrow(
      /Swagger 2\.0 is not supported; convert it to OpenAPI 3 first, e\.g\. `npx swagger2openapi/,
    );
    await expect(runAddProvider({ provider: "modelslab", source: FIXTURE }, workspace.root)).rejects.toThrow(
      /provider "modelslab" exists already/,
    );
    await expect(
      runAddProvider({ provider: "fraud", source: FIXTURE, auth: "path:id" }, workspace.root),
    ).rejects.toThrow(/"path:id" is not a placement/);
    expect(await tree(workspace.root)).toEqual(before);
  });

  it("puts every file back when a step fails after it started writing", async () => {
    const before = await tree(workspace.root);
    // A pnpm that fails: the add gets as far as `pnpm install` (spec vendored, config written, package generated).
    const bin = join(workspace.root, "failing-bin");
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, "pnpm"), "#!/bin/sh\necho 'ERR_PNPM_SIMULATED no network' >&2\nexit 1\n");
    await chmod(join(bin, "pnpm"), 0o755);
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.stubEnv("PATH", `${bin}:${process.env.PATH}`);
    try {
      expect(await runAddProvider({ provider: "fraud", source: FIXTURE }, workspace.root)).toBe(1);
    } finally {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
    }
    expect(errors.join("\n")).toContain("pnpm install failed (exit 1):\nERR_PNPM_SIMULATED no network");
    expect(errors.join("\n")).toContain("nothing was added");
    expect(await tree(workspace.root)).toEqual(before);
  });

  it("adds a real spec: inferred config, linked package that builds, type-checks and passes its contract tests", async () => {
    const { stdout } = await run("pnpm", ["providers:add", "fraud", FIXTURE], {
      cwd: workspace.root,
      maxBuffer: 16 * 1024 * 1024,
    });
    // The key is a query parameter on every operation (no security scheme): inferred, and optional in the input.
    expect(stdout).toContain('auth: query "key" (from parameter query:key on 2 of 2 operations (no security scheme))');
    const config = JSON.parse(await readFile(join(workspace.root, "packages/fraud/provider.config.json"), "utf8"));
    expect(config).toMatchObject({
      packageName: "@specsdk/fraud",
      auth: { in: "query", name: "key", envVar: "FRAUD_API_KEY" },
    });
    // Linked without a separate install: the lockfile has the new importer, and its tests resolve the package.
    expect(await readFile(join(workspace.root, "pnpm-lock.yaml"), "utf8")).toContain("packages/fraud:");
    // Generated unreleased, with the changeset whose CHANGELOG entry says what the package is (→ 0.1.0).
    const manifest = JSON.parse(await readFile(join(workspace.root, "packages/fraud/package.json"), "utf8"));
    expect(manifest.version).toBe("0.0.0");
    expect(await readFile(join(workspace.root, ".changeset/fraud-first-release.md"), "utf8")).toBe(
      '---\n"@specsdk/fraud": minor\n---\n\nFirst release: typed client for FraudLabs Pro SMS Verification, generated from its OpenAPI spec (version 1.0).\n',
    );
    expect(stdout).toContain(".changeset/fraud-first-release.md: the first release's CHANGELOG entry (0.1.0)");
    // Its MCP server is generated, linked, built and released beside it.
    expect(await readFile(join(workspace.root, "pnpm-lock.yaml"), "utf8")).toContain("packages/fraud-mcp:");
    expect(await readFile(join(workspace.root, ".changeset/fraud-mcp-first-release.md"), "utf8")).toBe(
      '---\n"@specsdk/fraud-mcp": minor\n---\n\nFirst release: MCP server for FraudLabs Pro SMS Verification, one tool per operation, generated from its OpenAPI spec.\n',
    );
    const listed = await run(process.execPath, [join(workspace.root, "packages/fraud-mcp/dist/bin.js"), "--list"]);
    const tools = (JSON.parse(listed.stdout) as { tools: { name: string; inputSchema: object }[] }).tools;
    expect(tools.map((tool) => tool.name).sort()).toEqual(["getVerificationResult", "postVerificationSend"]);
    // The key is a query parameter the client fills in: no tool asks for it.
    for (const tool of tools)
      expect(Object.keys((tool.inputSchema as { properties: object }).properties)).not.toContain("key");
    await run("pnpm", ["--filter", "@specsdk/fraud", "test"], { cwd: workspace.root });
    const report = JSON.parse(await readFile(join(workspace.root, "packages/fraud/.vitest-results.json"), "utf8"));
    // Its two operations: one contract test each, and each one's generated-input and negative properties.
    expect(report).toMatchObject({ numFailedTests: 0, numPassedTests: 6 });
  }, 600_000);
});
