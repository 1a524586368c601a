import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { createPrimeIntellectClient } from "@specsdk/primeintellect";
import { type RunningPrism, startPrism } from "@specsdk/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMcpServer,
  GET_OPERATION_SCHEMA,
  INVOKE_OPERATION,
  LIST_OPERATIONS,
  type ProviderServerDefinition,
  ProviderTools,
  type ServerOptions,
  type ToolDefinition,
} from "../src/index.js";

const KEY = "pi-test-key-0123456789abcdef";
const SPEC = fileURLToPath(new URL("../../../specs/primeintellect.yaml", import.meta.url));

/** Prime Intellect's one operation, as the generator writes it (test data: the generated table is tested in scripts/). */
const deleteUserImage: ToolDefinition = {
  name: "deleteUserImage",
  method: "delete",
  path: "/api/v1/images/{image_name}/{image_tag}",
  tags: ["Images"],
  description: "Delete User Image\n\nDELETE /api/v1/images/{image_name}/{image_tag}",
  inputSchema: {
    type: "object",
    properties: {
      image_name: { type: "string" },
      image_tag: { type: "string" },
      teamId: { anyOf: [{ type: "string" }, { type: "null" }] },
    },
    required: ["image_name", "image_tag"],
    additionalProperties: false,
  },
  outputSchema: {
    type: "object",
    properties: { success: { type: "boolean" }, message: { type: "string" } },
    required: ["success", "message"],
  },
  annotations: {
    title: "Delete User Image",
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
};

/** Tools that are never called: they only give the filters something to choose between. */
function listed(name: string, method: string, tags: string[]): ToolDefinition {
  const readOnlyHint = method === "get";
  return {
    ...deleteUserImage,
    name,
    method,
    tags,
    description: `${name} does things`,
    annotations: {
      readOnlyHint,
      destructiveHint: method === "delete",
      idempotentHint: method !== "post",
      openWorldHint: true,
    },
  };
}

const definition: ProviderServerDefinition = {
  name: "primeintellect-mcp",
  displayName: "Prime Intellect",
  apiKeyEnvVar: "PRIME_API_KEY",
  baseUrlEnvVar: "PRIMEINTELLECT_BASE_URL",
  packageJsonUrl: new URL("../package.json", import.meta.url),
  tools: [deleteUserImage, listed("listImages", "get", ["Images"]), listed("createPod", "post", ["Pods"])],
  createClient: (options) => createPrimeIntellectClient({ ...options, apiKey: KEY, maxRetries: 0 }),
};

let prism: RunningPrism;
let unauthorized: HttpServer;
let unauthorizedUrl: string;

beforeAll(async () => {
  prism = await startPrism(SPEC);
  // A server that rejects the key and quotes it back, as careless APIs do.
  unauthorized = createServer((request, response) => {
    response.writeHead(401, { "content-type": "application/json" });
    response.end(JSON.stringify({ detail: `invalid key: ${request.headers.authorization}` }));
  });
  await new Promise<void>((resolve) => unauthorized.listen(0, "127.0.0.1", resolve));
  unauthorizedUrl = `http://127.0.0.1:${(unauthorized.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await prism?.close();
  await new Promise((resolve) => unauthorized?.close(resolve));
});

async function connect(options: ServerOptions) {
  const server = createMcpServer(new ProviderTools(definition, { env: { PRIME_API_KEY: KEY }, ...options }));
  const client = new Client({ name: "test", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return { client, close: () => client.close() };
}

const names = async (client: Client) => (await client.listTools()).tools.map((tool) => tool.name);
const text = (result: Awaited<ReturnType<Client["callTool"]>>) =>
  (result.content as { type: string; text?: string }[]).map((part) => part.text ?? "").join("\n");

describe("one tool per operation", () => {
  it("lists each tool with its schemas and annotations as the table has them", async () => {
    const { client, close } = await connect({});
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["deleteUserImage", "listImages", "createPod"]);
    expect(tools[0]).toEqual({
      name: "deleteUserImage",
      description: deleteUserImage.description,
      inputSchema: deleteUserImage.inputSchema,
      outputSchema: deleteUserImage.outputSchema,
      annotations: deleteUserImage.annotations,
    });
    await close();
  });

  it("calls the API through the provider's client and returns the body as structured content", async () => {
    const { client, close } = await connect({ baseUrl: prism.url });
    const result = await client.callTool({ name: "deleteUserImage", arguments: { image_name: "a", image_tag: "v1" } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ success: expect.any(Boolean), message: expect.any(String) });
    expect(JSON.parse(text(result))).toEqual(result.structuredContent);
    await close();
  });

  it("calls the named method a tool names when the tool's own name had to differ", async () => {
    const renamed = { ...deleteUserImage, name: "deleteUserImage_1a2b3c4d", methodName: "deleteUserImage" };
    const server = createMcpServer(
      new ProviderTools({ ...definition, tools: [renamed] }, { baseUrl: prism.url, env: { PRIME_API_KEY: KEY } }),
    );
    const client = new Client({ name: "test", version: "1.0.0" });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(["deleteUserImage_1a2b3c4d"]);
    const result = await client.callTool({ name: renamed.name, arguments: { image_name: "a", image_tag: "v1" } });
    expect(result.isError, text(result)).toBeFalsy();
    await client.close();
  });

  it("lists a tool's shared definitions under its $defs, and checks arguments through them", async () => {
    const withRefs: ToolDefinition = {
      ...deleteUserImage,
      inputSchema: {
        ...deleteUserImage.inputSchema,
        properties: { image_name: { $ref: "#/$defs/Name" }, image_tag: { $ref: "#/$defs/Name" } },
      },
      inputDefs: ["Name"],
    };
    const definitions = { Name: { type: "string", minLength: 1 }, Unused: { type: "integer" } };
    const server = createMcpServer(
      new ProviderTools(
        { ...definition, tools: [withRefs], definitions },
        { baseUrl: prism.url, env: { PRIME_API_KEY: KEY } },
      ),
    );
    const client = new Client({ name: "test", version: "1.0.0" });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    const [tool] = (await client.listTools()).tools;
    expect(tool?.inputSchema.$defs).toEqual({ Name: { type: "string", minLength: 1 } });
    expect(tool).not.toHaveProperty("inputDefs");
    const result = await client.callTool({ name: "deleteUserImage", arguments: { image_name: "", image_tag: "v1" } });
    expect(text(result)).toBe(
      "Invalid arguments for deleteUserImage:\n- image_name must NOT have fewer than 1 characters",
    );
    await client.close();
  });

  it("refuses invalid arguments before sending, naming each field", async () => {
    const { client, close } = await connect({ baseUrl: prism.url });
    const result = await client.callTool({ name: "deleteUserImage", arguments: { image_name: 5, imageTag: "v1" } });
    expect(result.isError).toBe(true);
    expect(text(result)).toBe(
      [
        "Invalid arguments for deleteUserImage:",
        "- image_tag is required",
        "- imageTag is not a known field",
        "- image_name must be string",
      ].join("\n"),
    );
    await close();
  });

  it("reports an API error with its status and message, and never the key", async () => {
    const { client, close } = await connect({ baseUrl: unauthorizedUrl });
    const result = await client.callTool({ name: "deleteUserImage", arguments: { image_name: "a", image_tag: "v1" } });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^HTTP 401 from DELETE http:\/\/127\.0\.0\.1:\d+\/api\/v1\/images\/a\/v1: /);
    expect(text(result)).toContain("invalid key: Bearer");
    expect(JSON.stringify(result)).not.toContain(KEY);
    await close();
  });

  it("answers a missing key with the client's message naming the env var", async () => {
    const server = createMcpServer(
      new ProviderTools(
        { ...definition, createClient: (options) => createPrimeIntellectClient({ ...options, apiKey: undefined }) },
        { baseUrl: prism.url, env: {} },
      ),
    );
    const previous = process.env.PRIME_API_KEY;
    delete process.env.PRIME_API_KEY;
    const client = new Client({ name: "test", version: "1.0.0" });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    const result = await client.callTool({ name: "deleteUserImage", arguments: { image_name: "a", image_tag: "v1" } });
    if (previous !== undefined) process.env.PRIME_API_KEY = previous;
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("PRIME_API_KEY");
    await client.close();
  });
});

describe("filters", () => {
  it.each([
    [{ readOnly: true, tools: [], tags: [] }, ["listImages"]],
    [{ readOnly: false, tools: ["createPod", "listImages"], tags: [] }, ["listImages", "createPod"]],
    [{ readOnly: false, tools: [], tags: ["Images"] }, ["deleteUserImage", "listImages"]],
    [{ readOnly: false, tools: [], tags: [], operation: "write" as const }, ["deleteUserImage", "createPod"]],
    [{ readOnly: false, tools: [], tags: ["Images"], operation: "write" as const }, ["deleteUserImage"]],
  ])("%j keeps %j", async (selection, expected) => {
    const { client, close } = await connect({ selection });
    expect(await names(client)).toEqual(expected);
    await close();
  });
});

describe("dynamic mode", () => {
  it("lists three meta-tools, and lists, describes and invokes operations through them", async () => {
    const { client, close } = await connect({ mode: "dynamic", baseUrl: prism.url });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual([LIST_OPERATIONS, GET_OPERATION_SCHEMA, INVOKE_OPERATION]);
    expect(tools[2]?.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
    });

    const listing = await client.callTool({ name: LIST_OPERATIONS, arguments: { tag: "Images" } });
    expect(listing.structuredContent).toEqual({
      operations: [
        {
          name: "deleteUserImage",
          method: "DELETE",
          path: "/api/v1/images/{image_name}/{image_tag}",
          summary: "Delete User Image",
          tags: ["Images"],
          destructive: true,
        },
        {
          name: "listImages",
          method: "GET",
          path: "/api/v1/images/{image_name}/{image_tag}",
          summary: "listImages does things",
          tags: ["Images"],
          readOnly: true,
        },
      ],
    });
    const searched = await client.callTool({ name: LIST_OPERATIONS, arguments: { search: "POD" } });
    expect((searched.structuredContent as { operations: { name: string }[] }).operations.map((op) => op.name)).toEqual([
      "createPod",
    ]);

    const schema = await client.callTool({ name: GET_OPERATION_SCHEMA, arguments: { name: "deleteUserImage" } });
    expect(schema.structuredContent).toMatchObject({
      name: "deleteUserImage",
      inputSchema: deleteUserImage.inputSchema,
      outputSchema: deleteUserImage.outputSchema,
      annotations: deleteUserImage.annotations,
    });

    const invoked = await client.callTool({
      name: INVOKE_OPERATION,
      arguments: { name: "deleteUserImage", arguments: { image_name: "a", image_tag: "v1" } },
    });
    expect(invoked.isError).toBeFalsy();
    expect(invoked.structuredContent).toEqual({ success: expect.any(Boolean), message: expect.any(String) });

    const invalid = await client.callTool({
      name: INVOKE_OPERATION,
      arguments: { name: "deleteUserImage", arguments: { image_name: "a" } },
    });
    expect(invalid.isError).toBe(true);
    expect(text(invalid)).toContain("- image_tag is required");

    const unknown = await client.callTool({ name: GET_OPERATION_SCHEMA, arguments: { name: "nope" } });
    expect(unknown.isError).toBe(true);
    await close();
  });

  it("--read-only holds in dynamic mode: writes are neither listed nor invokable", async () => {
    const { client, close } = await connect({ mode: "dynamic", selection: { readOnly: true, tools: [], tags: [] } });
    const { tools } = await client.listTools();
    expect(tools[2]?.annotations?.readOnlyHint).toBe(true);
    const listing = await client.callTool({ name: LIST_OPERATIONS, arguments: {} });
    expect((listing.structuredContent as { operations: { name: string }[] }).operations.map((op) => op.name)).toEqual([
      "listImages",
    ]);
    const invoked = await client.callTool({
      name: INVOKE_OPERATION,
      arguments: { name: "deleteUserImage", arguments: { image_name: "a", image_tag: "v1" } },
    });
    expect(invoked.isError).toBe(true);
    expect(text(invoked)).toContain('Unknown operation "deleteUserImage"');
    await close();
  });
});
