/**
 * Each provider's generated MCP server as users run it: the packed tarballs (core, the provider, the
 * MCP runtime, the server) installed with plain npm into a fresh project, the `<provider>-mcp` bin
 * started by the official SDK's `Client` + `StdioClientTransport` as a child process, and its tools
 * called against Prism serving the spec the installed provider package ships (`@specsdk/mock`), or a
 * loopback server that rejects the key and quotes it back. Needs the npm registry (one install).
 */

import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server as HttpServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { ToolDefinition } from "@specsdk/mcp";
import { type MockServer as RunningMock, startMock } from "@specsdk/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConsumerProject, createConsumerProject } from "../src/packaging/consumer-project.js";
import { type PackedPackage, packPackage, publishedPackages } from "../src/packaging/pack.js";
import { isMcpPackage } from "../src/packaging/packed-contents.js";
import { providerPackages } from "../src/packaging/provider-packages.js";
import { repoRoot } from "../src/shared/repo-paths.js";

const MINUTE = 60_000;
const KEY = "mcp-test-key-0123456789abcdef";

/** Per seed provider: its bin, key variable, one valid and one invalid call, and the field the error names. */
const SEEDS = {
  modelslab: {
    keyEnv: "MODELSLAB_API_KEY",
    baseUrlEnv: "MODELSLAB_BASE_URL",
    tool: "deleteImage",
    valid: { request_id: 2398, type: "video" },
    structured: { status: "success", messege: "image deleted" },
    invalid: { request_id: "2398" },
    problem: "- request_id must be integer",
  },
  primeintellect: {
    keyEnv: "PRIME_API_KEY",
    baseUrlEnv: "PRIMEINTELLECT_BASE_URL",
    tool: "deleteUserImage",
    valid: { image_name: "my-image", image_tag: "v1", teamId: null },
    structured: { success: expect.any(Boolean), message: expect.any(String) },
    invalid: { image_name: "my-image" },
    problem: "- image_tag is required",
  },
} as const;
type Seed = keyof typeof SEEDS;

let workDir: string;
let project: ConsumerProject;
const mocks = new Map<Seed, RunningMock>();
let echoServer: HttpServer;
let echoUrl: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "specsdk-mcp-consumer-"));
  const providers = (await providerPackages(join(repoRoot, "packages"))).map((pkg) => pkg.packageName);
  const wanted = (await publishedPackages()).filter(
    (pkg) => pkg.name === "@specsdk/core" || providers.includes(pkg.name) || isMcpPackage(pkg.manifest),
  );
  const packed: PackedPackage[] = await Promise.all(wanted.map((pkg) => packPackage(pkg, join(workDir, "tarballs"))));
  project = await createConsumerProject(join(workDir, "project"), packed, {}, { devDependencies: {}, typeChecked: [] });
  for (const seed of Object.keys(SEEDS) as Seed[]) {
    // The spec the installed provider package ships, served by the published mock server.
    mocks.set(seed, await startMock({ spec: join(project.dir, "node_modules/@specsdk", seed, "openapi.yaml") }));
  }
  // Rejects every key and quotes the request back (headers and body): what a careless API does.
  echoServer = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: `bad key in ${request.headers.authorization ?? body}` }));
    });
  });
  await new Promise<void>((resolve) => echoServer.listen(0, "127.0.0.1", resolve));
  echoUrl = `http://127.0.0.1:${(echoServer.address() as AddressInfo).port}`;
}, 10 * MINUTE);

afterAll(async () => {
  await Promise.allSettled([...mocks.values()].map((mock) => mock.close()));
  await new Promise((resolve) => echoServer?.close(resolve));
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** The environment of a server: no inherited keys or Node settings, only what the test gives. */
function serverEnv(extra: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ...extra };
}

function bin(seed: Seed): string {
  return join(project.dir, "node_modules/.bin", `${seed}-mcp`);
}

/** Starts the installed bin as the SDK's stdio client does, and connects. */
async function connect(seed: Seed, args: string[], env: Record<string, string> = {}) {
  const transport = new StdioClientTransport({
    command: bin(seed),
    args,
    env: serverEnv({ [SEEDS[seed].keyEnv]: KEY, ...env }),
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const client = new Client({ name: "specsdk-test", version: "1.0.0" });
  await client.connect(transport);
  const pid = transport.pid;
  return {
    client,
    stderr: () => stderr,
    async close() {
      await client.close();
      return pid;
    },
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function exited(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 5000; waited += 50) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

async function generatedTools(seed: Seed): Promise<readonly ToolDefinition[]> {
  const entry = join(project.dir, "node_modules/@specsdk", `${seed}-mcp`, "dist/index.js");
  return ((await import(entry)) as { tools: readonly ToolDefinition[] }).tools;
}

const text = (result: object) =>
  (((result as { content?: unknown }).content ?? []) as { text?: string }[]).map((part) => part.text ?? "").join("\n");

describe.each(Object.keys(SEEDS) as Seed[])("the packed %s-mcp over stdio", (seed) => {
  const config = SEEDS[seed];

  it("lists one tool per operation with the generated schemas and the spec's hints", async () => {
    const server = await connect(seed, []);
    const { tools } = await server.client.listTools();
    const table = await generatedTools(seed);
    expect(tools.map((tool) => tool.name)).toEqual([config.tool]);
    expect(tools).toEqual(
      table.map(({ name, description, inputSchema, outputSchema, annotations }) => ({
        name,
        description,
        inputSchema,
        outputSchema,
        annotations,
      })),
    );
    // Both seed operations delete things; both are safe to retry.
    expect(tools[0]?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    // The key is the server's business: no tool asks for it.
    expect(JSON.stringify(tools[0]?.inputSchema)).not.toMatch(/"key"|authorization|api_key/i);
    const pid = await server.close();
    expect(await exited(pid as number), "the server process ends when the client closes").toBe(true);
  });

  it("calls the tool against Prism: valid input → structured result; invalid input → an error naming the field", async () => {
    const mock = mocks.get(seed) as RunningMock;
    // --base-url for one provider, the <PROVIDER>_BASE_URL variable for the other: both are honoured.
    const server =
      seed === "modelslab"
        ? await connect(seed, ["--base-url", mock.url])
        : await connect(seed, [], { [config.baseUrlEnv]: mock.url });
    const result = await server.client.callTool({ name: config.tool, arguments: config.valid });
    expect(result.isError, text(result)).toBeFalsy();
    expect(result.structuredContent).toEqual(config.structured);
    expect(JSON.parse(text(result))).toEqual(result.structuredContent);

    const invalid = await server.client.callTool({ name: config.tool, arguments: config.invalid });
    expect(invalid.isError).toBe(true);
    expect(text(invalid).split("\n")).toContain(config.problem);
    const pid = await server.close();
    expect(await exited(pid as number)).toBe(true);
  });

  it("turns a 401 into a tool error with the status and the API's message, without the key", async () => {
    const server = await connect(seed, ["--base-url", echoUrl]);
    const result = await server.client.callTool({ name: config.tool, arguments: config.valid });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^HTTP 401 from (POST|DELETE) http:\/\/127\.0\.0\.1:\d+\//);
    expect(text(result)).toContain("bad key in");
    expect(JSON.stringify(result)).not.toContain(KEY);
    expect(server.stderr()).not.toContain(KEY);
    await server.close();
  });

  it("--read-only and the filters change the tool list as documented", async () => {
    const listed = async (args: string[]) => {
      const server = await connect(seed, args);
      const names = (await server.client.listTools()).tools.map((tool) => tool.name);
      await server.close();
      return names;
    };
    expect(await listed(["--read-only"])).toEqual([]);
    expect(await listed(["--operation", "read"])).toEqual([]);
    expect(await listed(["--operation", "write"])).toEqual([config.tool]);
    expect(await listed(["--tool", config.tool])).toEqual([config.tool]);
    const tags = (await generatedTools(seed)).flatMap((tool) => tool.tags);
    for (const tag of tags) expect(await listed(["--tag", tag])).toEqual([config.tool]);
    // A typo is an error, not an empty server.
    await expect(connect(seed, ["--tool", "nope"])).rejects.toThrow();
  });

  it("--tools dynamic lists three meta-tools, and lists, describes and invokes the operation", async () => {
    const server = await connect(seed, ["--tools", "dynamic", "--base-url", (mocks.get(seed) as RunningMock).url]);
    const { tools } = await server.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([
      "list_api_operations",
      "get_api_operation_schema",
      "invoke_api_operation",
    ]);
    const listing = await server.client.callTool({ name: "list_api_operations", arguments: {} });
    expect(listing.structuredContent).toMatchObject({ operations: [{ name: config.tool, destructive: true }] });
    const schema = await server.client.callTool({ name: "get_api_operation_schema", arguments: { name: config.tool } });
    const [table] = await generatedTools(seed);
    expect(schema.structuredContent).toMatchObject({
      inputSchema: table?.inputSchema,
      annotations: table?.annotations,
    });
    const invoked = await server.client.callTool({
      name: "invoke_api_operation",
      arguments: { name: config.tool, arguments: config.valid },
    });
    expect(invoked.isError, text(invoked)).toBeFalsy();
    expect(invoked.structuredContent).toEqual(config.structured);
    await server.close();
  });
});

describe("the packed primeintellect-mcp over Streamable HTTP (--http)", () => {
  it("serves the same tools at /mcp on a loopback port and refuses a foreign Host", async () => {
    const child = spawn(
      bin("primeintellect"),
      ["--http", "--port", "0", "--base-url", (mocks.get("primeintellect") as RunningMock).url],
      { env: serverEnv({ PRIME_API_KEY: KEY }), stdio: ["ignore", "ignore", "pipe"] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = "";
        child.stderr.on("data", (chunk) => {
          stderr += chunk;
          const match = /(http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr);
          if (match?.[1]) resolve(match[1]);
        });
        child.once("exit", (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
      });
      const client = new Client({ name: "specsdk-test", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(["deleteUserImage"]);
      const result = await client.callTool({ name: "deleteUserImage", arguments: SEEDS.primeintellect.valid });
      expect(result.structuredContent).toEqual(SEEDS.primeintellect.structured);
      await client.close();
      // DNS rebinding: a request naming another host is refused before any tool runs.
      const foreign = await new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" });
        const request = httpRequest(url, {
          method: "POST",
          headers: {
            host: "evil.example",
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
          },
        });
        request.once("response", (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.once("error", reject);
        request.end(body);
      });
      expect(foreign).toBe(403);
    } finally {
      child.kill("SIGTERM");
    }
    const pid = child.pid as number;
    expect(await exited(pid)).toBe(true);
  });
});
