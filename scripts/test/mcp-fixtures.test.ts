/**
 * The generator's fixture specs get MCP server packages too: each is generated beside its provider
 * package, compiled with the repo's strict settings (provider first, then the server against its
 * declarations), and its tools listed by the official SDK's `Client` (in-process transport, both modes)
 * and by the built bin (`--list`, a child process). Some tools are also called against Prism:
 * kitchen-sink's list (an array as `{ result }`), an event stream (collected) and a paginated list. Prints each tool list's size (bytes/4 ≈ tokens), recorded in BENCHMARKS.md §11.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createMcpServer, type ProviderServerDefinition, ProviderTools, type ServerOptions } from "@specsdk/mcp";
import { startPrism } from "@specsdk/testing";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { compile, compileMcpPackage, generateFixturePackage } from "./fixture-package.js";
import { multiTagSpec } from "./multi-tag-spec.js";

const run = promisify(execFile);
const disposers: (() => Promise<void>)[] = [];
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterAll(async () => {
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});

const fixtureSpec = (file: string) => readFile(join(import.meta.dirname, "generator-fixtures", file), "utf8");

const FIXTURES: { name: string; spec: () => Promise<string>; auth: object; operations: number }[] = [
  {
    name: "kitchen",
    spec: () => fixtureSpec("kitchen-sink.yaml"),
    auth: { envVar: "KITCHEN_API_KEY" },
    operations: 11,
  },
  {
    name: "streams",
    spec: () => fixtureSpec("streams-and-pages.yaml"),
    auth: { envVar: "STREAMS_API_KEY" },
    operations: 5,
  },
  { name: "pets", spec: () => fixtureSpec("discriminators.yaml"), auth: { in: "none" }, operations: 5 },
  {
    name: "multitag",
    spec: async () => stringify(multiTagSpec(25)),
    auth: { envVar: "MULTITAG_API_KEY" },
    operations: 200,
  },
];

/** Generates the fixture, compiles the provider and its MCP package, and loads the server definition. */
async function buildFixture(name: string, specText: string, auth: object) {
  const config = {
    packageName: `@fixture/${name}`,
    displayName: name,
    clientFactory: "createFixtureClient",
    description: `Fixture ${name}`,
    auth,
  };
  const fixture = await generateFixturePackage(name, specText, config);
  disposers.push(fixture.dispose);
  expect(fixture.exitCode).toBe(0);
  const { packageDir } = fixture;
  const generated = (dir: string) => join(dir, "src/generated");
  expect(compile([join(generated(packageDir), "index.ts")], join(packageDir, "dist"), generated(packageDir))).toEqual(
    [],
  );
  const { mcpDir, diagnostics } = await compileMcpPackage(packageDir, config.packageName);
  expect(diagnostics).toEqual([]);
  const { server } = (await import(join(mcpDir, "dist/index.js"))) as { server: ProviderServerDefinition };
  return { fixture, mcpDir, server };
}

async function listTools(server: ProviderServerDefinition, options: ServerOptions) {
  const mcp = createMcpServer(new ProviderTools(server, options));
  const client = new Client({ name: "fixture-test", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([mcp.connect(serverSide), client.connect(clientSide)]);
  return { client, tools: (await client.listTools()).tools };
}

/** Bytes of the tools/list result as it travels (compact JSON), and bytes/4 as a token estimate. */
function size(tools: unknown[]) {
  const bytes = Buffer.byteLength(JSON.stringify({ tools }));
  return { bytes, tokens: Math.round(bytes / 4) };
}

describe.each(FIXTURES)("the $name fixture's MCP package", ({ name, spec, auth, operations }) => {
  it("builds, and lists one tool per operation (static), three meta-tools (dynamic), and the same from its bin", async () => {
    const { fixture, mcpDir, server } = await buildFixture(name, await spec(), auth);
    const { provider } = (await import(join(fixture.packageDir, "dist/index.js"))) as {
      provider: { operations: Record<string, unknown> };
    };
    const methods = Object.keys(provider.operations);
    expect(methods).toHaveLength(operations);

    const staticList = await listTools(server, {});
    expect(staticList.tools.map((tool) => tool.name)).toEqual(methods);
    for (const tool of staticList.tools) {
      expect(tool.inputSchema.type).toBe("object");
      expect(JSON.stringify(tool.inputSchema), "the key is the server's").not.toMatch(/KEY|"apiKey"/);
      expect(tool.annotations?.openWorldHint).toBe(true);
    }
    const dynamicList = await listTools(server, { mode: "dynamic" });
    expect(dynamicList.tools).toHaveLength(3);
    const listed = await dynamicList.client.callTool({ name: "list_api_operations", arguments: {} });
    expect((listed.structuredContent as { operations: unknown[] }).operations).toHaveLength(operations);

    const { stdout } = await run(process.execPath, [join(mcpDir, "dist/bin.js"), "--list"], { maxBuffer: 64 << 20 });
    expect((JSON.parse(stdout) as { tools: { name: string }[] }).tools.map((tool) => tool.name)).toEqual(methods);
    const readOnly = await run(process.execPath, [join(mcpDir, "dist/bin.js"), "--list", "--read-only"], {
      maxBuffer: 64 << 20,
    });
    const reads = (JSON.parse(readOnly.stdout) as { tools: { annotations: { readOnlyHint: boolean } }[] }).tools;
    expect(reads.every((tool) => tool.annotations.readOnlyHint)).toBe(true);
    expect(reads.length).toBe(staticList.tools.filter((tool) => tool.annotations?.readOnlyHint).length);

    const sizes = { static: size(staticList.tools), dynamic: size(dynamicList.tools) };
    // Definitions are stored once in the table: the generated file stays far smaller than the list it serves.
    const table = Buffer.byteLength(await readFile(join(mcpDir, "src/generated/tools.ts")));
    process.stdout.write(
      `mcp tool list ${name}: ${operations} operations, static ${sizes.static.bytes} B ≈ ${sizes.static.tokens} tokens, dynamic ${sizes.dynamic.bytes} B ≈ ${sizes.dynamic.tokens} tokens; tools.ts ${table} B\n`,
    );
    await staticList.client.close();
    await dynamicList.client.close();
  });
});

describe("a fixture tool called against Prism", () => {
  it("kitchen-sink's listPets returns its array as structured `result` (checked against the output schema), exportPet its bytes as a resource", async () => {
    const text = await fixtureSpec("kitchen-sink.yaml");
    const { fixture, server } = await buildFixture("kitchencall", text, { envVar: "KITCHENCALL_API_KEY" });
    const prism = await startPrism(join(fixture.root, "specs/kitchencall.yaml"));
    try {
      const tools = new ProviderTools(server, { baseUrl: prism.url, env: { KITCHENCALL_API_KEY: "kitchen-key-0123" } });
      process.env.KITCHENCALL_API_KEY = "kitchen-key-0123";
      const mcp = createMcpServer(tools);
      const client = new Client({ name: "fixture-test", version: "1.0.0" });
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await Promise.all([mcp.connect(serverSide), client.connect(clientSide)]);
      const listPets = (await client.listTools()).tools.find((tool) => tool.name === "listPets");
      expect(listPets?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(listPets?.outputSchema).toMatchObject({ type: "object", required: ["result"] });
      const result = await client.callTool({
        name: "listPets",
        arguments: { limit: 5, "X-Request-Id": "7f6d1a52-3c1e-4b8e-9a0e-2f4c5d6e7f80" },
      });
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      expect(Array.isArray((result.structuredContent as { result: unknown }).result)).toBe(true);
      const invalid = await client.callTool({
        name: "listPets",
        arguments: { limit: 0, "X-Request-Id": "7f6d1a52-3c1e-4b8e-9a0e-2f4c5d6e7f80" },
      });
      expect(invalid.isError).toBe(true);
      expect(JSON.stringify(invalid.content)).toContain("limit must be >= 1");
      // A binary body comes back as an embedded resource: the bytes Prism sent, base64, with their media type.
      const sent = await fetch(`${prism.url}/pets/7/export`, { headers: { "X-API-Key": "kitchen-key-0123" } });
      const exported = await client.callTool({ name: "exportPet", arguments: { petId: 7 } });
      expect(exported.isError, JSON.stringify(exported.content)).toBeFalsy();
      const [resource] = exported.content as { type: string; resource: { mimeType: string; blob: string } }[];
      expect(resource?.type).toBe("resource");
      expect(resource?.resource.mimeType).toBe("application/octet-stream");
      expect(resource?.resource.blob).not.toBe("");
      expect(Buffer.from(resource?.resource.blob ?? "", "base64")).toEqual(Buffer.from(await sent.arrayBuffer()));
      await client.close();
    } finally {
      delete process.env.KITCHENCALL_API_KEY;
      await prism.close();
    }
  });
});

describe("streams and pages through MCP tools", () => {
  it("an event stream is collected into { events }, a paginated list answers with its first page", async () => {
    const text = await fixtureSpec("streams-and-pages.yaml");
    const { fixture, server } = await buildFixture("streamcall", text, { envVar: "STREAMCALL_API_KEY" });
    const prism = await startPrism(join(fixture.root, "specs/streamcall.yaml"));
    process.env.STREAMCALL_API_KEY = "stream-key-0123";
    try {
      const mcp = createMcpServer(new ProviderTools(server, { baseUrl: prism.url }));
      const client = new Client({ name: "fixture-test", version: "1.0.0" });
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await Promise.all([mcp.connect(serverSide), client.connect(clientSide)]);
      const streamed = await client.callTool({ name: "streamCompletion", arguments: { prompt: "Hello" } });
      expect(streamed.isError, JSON.stringify(streamed.content)).toBeFalsy();
      const { events } = JSON.parse((streamed.content as { text: string }[])[0]?.text ?? "{}") as {
        events: { data: unknown }[];
      };
      // The client ends the stream at `[DONE]`, as it does for its own callers.
      expect(events.map((event) => event.data)).toEqual([
        { index: 0, text: "Hel" },
        { index: 1, text: "lo" },
      ]);
      const page = await client.callTool({ name: "listCharges", arguments: { limit: 2 } });
      expect(page.structuredContent).toEqual({
        object: "list",
        data: [
          { id: "ch_1", amount: 100 },
          { id: "ch_2", amount: 250 },
        ],
        has_more: true,
      });
      await client.close();
    } finally {
      delete process.env.STREAMCALL_API_KEY;
      await prism.close();
    }
  });
});
