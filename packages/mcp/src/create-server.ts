import { readFileSync } from "node:fs";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListToolsRequestSchema,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import {
  dynamicTools,
  GET_OPERATION_SCHEMA,
  INVOKE_OPERATION,
  LIST_OPERATIONS,
  matchesQuery,
  operationSummary,
} from "./dynamic-tools.js";
import { schemaProblems } from "./schema-check.js";
import type { NamedMethod, ProviderServerDefinition, ToolDefinition } from "./tool-definition.js";
import { withDefinitions } from "./tool-defs.js";
import { errorResult, type Redact, redactor, successResult, toolError } from "./tool-result.js";
import { ALL_TOOLS, selectTools, type ToolSelection } from "./tool-selection.js";

export interface ServerOptions {
  /** Where the client sends requests (e.g. a Prism mock); the spec's server when absent. */
  baseUrl?: string | undefined;
  /** `static`: one tool per operation (default). `dynamic`: three meta-tools. */
  mode?: "static" | "dynamic";
  selection?: ToolSelection;
  /** The process environment the key is read from (redaction); default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** What every MCP server of one provider shares: the selected tools and one lazily created client. */
export class ProviderTools {
  readonly tools: ToolDefinition[];
  readonly redact: Redact;
  private client: object | undefined;

  constructor(
    readonly definition: ProviderServerDefinition,
    private readonly options: ServerOptions,
  ) {
    const whole = definition.tools.map((tool) => withDefinitions(tool, definition.definitions));
    this.tools = selectTools(whole, options.selection ?? ALL_TOOLS);
    const env = options.env ?? process.env;
    this.redact = redactor(definition.apiKeyEnvVar ? env[definition.apiKeyEnvVar] : undefined);
  }

  /** The server's version: its package's. */
  version(): string {
    const { version } = JSON.parse(readFileSync(this.definition.packageJsonUrl, "utf8")) as { version?: unknown };
    return typeof version === "string" ? version : "0.0.0";
  }

  /** The tool list a client sees in this mode. */
  listed(): Tool[] {
    if (this.options.mode === "dynamic") return dynamicTools(this.definition.displayName, this.tools);
    return this.tools.map(({ name, description, inputSchema, outputSchema, annotations }) => ({
      name,
      description,
      inputSchema,
      ...(outputSchema ? { outputSchema } : {}),
      annotations,
    }));
  }

  /**
   * Created at the first call, not at startup: a server without a key still lists its tools, and a
   * call then answers with the client's own message (which names the env var).
   */
  private namedMethod(name: string): NamedMethod {
    this.client ??= this.definition.createClient(this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {});
    return (this.client as Record<string, NamedMethod>)[name]!.bind(this.client);
  }

  /** Checks the arguments against the tool's input schema, then calls the provider's named method. */
  async invoke(tool: ToolDefinition, args: unknown, signal: AbortSignal): Promise<CallToolResult> {
    const input = args ?? {};
    const problems = schemaProblems(tool.inputSchema, input);
    if (problems.length > 0) {
      return toolError(
        `Invalid arguments for ${tool.name}:\n${problems.map((line) => `- ${line}`).join("\n")}`,
        this.redact,
      );
    }
    try {
      const data = await this.namedMethod(tool.methodName ?? tool.name)(input, { signal });
      return await successResult(tool, data, this.redact);
    } catch (error) {
      return errorResult(error, this.redact);
    }
  }

  async call(name: string, args: Record<string, unknown> | undefined, signal: AbortSignal): Promise<CallToolResult> {
    if (this.options.mode !== "dynamic") {
      const tool = this.tools.find((candidate) => candidate.name === name);
      return tool ? this.invoke(tool, args, signal) : toolError(`Unknown tool ${JSON.stringify(name)}.`, this.redact);
    }
    const operation = (key: unknown) => this.tools.find((tool) => tool.name === key);
    const unknown = (key: unknown) =>
      toolError(`Unknown operation ${JSON.stringify(key)}; ${LIST_OPERATIONS} lists the operations.`, this.redact);
    switch (name) {
      case LIST_OPERATIONS: {
        const search = typeof args?.search === "string" ? args.search : undefined;
        const tag = typeof args?.tag === "string" ? args.tag : undefined;
        const operations = this.tools.filter((tool) => matchesQuery(tool, search, tag)).map(operationSummary);
        return structured({ operations });
      }
      case GET_OPERATION_SCHEMA: {
        const tool = operation(args?.name);
        if (!tool) return unknown(args?.name);
        const { name: toolName, method, path, tags, description, inputSchema, outputSchema, annotations } = tool;
        return structured({
          name: toolName,
          method: method.toUpperCase(),
          path,
          tags,
          description,
          inputSchema,
          ...(outputSchema ? { outputSchema } : {}),
          annotations,
        });
      }
      case INVOKE_OPERATION: {
        const tool = operation(args?.name);
        if (!tool) return unknown(args?.name);
        // The meta-tool has no output schema: the operation's result travels as text and structured content.
        return this.invoke(tool, args?.arguments, signal);
      }
      default:
        return toolError(`Unknown tool ${JSON.stringify(name)}.`, this.redact);
    }
  }
}

function structured(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: "text", text: JSON.stringify(value) }], structuredContent: value };
}

/** A low-level MCP `Server` for one provider: tools/list and tools/call, the JSON Schemas passed as they are. */
export function createMcpServer(tools: ProviderTools): Server {
  const { definition } = tools;
  const server = new Server(
    { name: definition.name, version: tools.version() },
    {
      capabilities: { tools: {} },
      instructions: `Tools for the ${definition.displayName} API, generated from its OpenAPI spec.`,
    },
  );
  const listed = tools.listed();
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) =>
    tools.call(request.params.name, request.params.arguments, extra.signal),
  );
  return server;
}
