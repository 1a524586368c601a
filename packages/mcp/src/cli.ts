import { parseArgs } from "node:util";
import { ProviderTools, type ServerOptions } from "./create-server.js";
import { serveHttp } from "./serve-http.js";
import { serveStdio } from "./serve-stdio.js";
import type { ProviderServerDefinition } from "./tool-definition.js";
import { type ToolSelection, unknownNames } from "./tool-selection.js";

function usage(definition: ProviderServerDefinition): string {
  const bin = definition.name;
  return `Usage: ${bin} [options]

MCP server for the ${definition.displayName} API: one tool per operation, over stdio unless --http.

Options:
  --base-url <url>        Send requests here instead of the spec's server (e.g. a Prism mock).
                          Default: $${definition.baseUrlEnvVar}, then the spec's server.
  --read-only             Only read tools (GET, HEAD): every write, destructive or not, is off.
  --tool <name>           Only this tool (repeatable).
  --tag <tag>             Only tools with this spec tag (repeatable).
  --operation <kind>      read (GET, HEAD) or write (everything else).
  --tools <mode>          static (one tool per operation, default) or dynamic (three meta-tools:
                          list operations, get an operation's schema, invoke one).
  --http                  Serve Streamable HTTP at http://<host>:<port>/mcp instead of stdio.
  --host <host>           With --http. Default 127.0.0.1.
  --port <port>           With --http. Default 3000; 0 picks a free port.
  --list                  Print the tool list (JSON, as tools/list returns it) and exit.
  -h, --help              Show this help.
  -v, --version           Print the version.
${definition.apiKeyEnvVar ? `\nThe API key is read from $${definition.apiKeyEnvVar}.\n` : ""}
Filters combine: a tool is served when it passes every filter given; names within one filter are alternatives.`;
}

interface Parsed {
  options: ServerOptions;
  http?: { host: string; port: number };
  list: boolean;
}

/** Reads the command line; throws with a one-line message for a bad flag or value. */
export function parseCommandLine(
  definition: ProviderServerDefinition,
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Parsed | "help" | "version" {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      "base-url": { type: "string" },
      "read-only": { type: "boolean", default: false },
      tool: { type: "string", multiple: true, default: [] },
      tag: { type: "string", multiple: true, default: [] },
      operation: { type: "string" },
      tools: { type: "string", default: "static" },
      http: { type: "boolean", default: false },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "3000" },
      list: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
      version: { type: "boolean", short: "v", default: false },
    },
  });
  if (values.help) return "help";
  if (values.version) return "version";
  if (values.operation !== undefined && values.operation !== "read" && values.operation !== "write") {
    throw new Error(`--operation must be read or write, got ${JSON.stringify(values.operation)}`);
  }
  if (values.tools !== "static" && values.tools !== "dynamic") {
    throw new Error(`--tools must be static or dynamic, got ${JSON.stringify(values.tools)}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0–65535, got ${values.port}`);
  const selection: ToolSelection = {
    readOnly: values["read-only"],
    tools: values.tool,
    tags: values.tag,
    operation: values.operation as ToolSelection["operation"],
  };
  const unknown = unknownNames(definition.tools, selection);
  if (unknown.length > 0) throw new Error(`no ${unknown.join(", ")} in this server (see --list)`);
  const baseUrl = values["base-url"] ?? (env[definition.baseUrlEnvVar] || undefined);
  return {
    options: { baseUrl, mode: values.tools, selection, env },
    ...(values.http ? { http: { host: values.host, port } } : {}),
    list: values.list,
  };
}

/** The `<provider>-mcp` command; resolves to the exit code (stdio: when the client closes stdin). */
export async function runMcpCli(
  definition: ProviderServerDefinition,
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(definition, argv, env);
  } catch (error) {
    process.stderr.write(`${definition.name}: ${(error as Error).message}\nRun ${definition.name} --help for usage.\n`);
    return 2;
  }
  if (parsed === "help") {
    process.stdout.write(`${usage(definition)}\n`);
    return 0;
  }
  if (parsed === "version") {
    process.stdout.write(`${new ProviderTools(definition, {}).version()}\n`);
    return 0;
  }
  const tools = new ProviderTools(definition, parsed.options);
  if (parsed.list) {
    process.stdout.write(`${JSON.stringify({ tools: tools.listed() }, null, 2)}\n`);
    return 0;
  }
  if (parsed.http) {
    const close = await serveHttp(tools, parsed.http.host, parsed.http.port);
    // Serves until the process is stopped.
    await new Promise<void>((resolve) => process.once("SIGTERM", resolve).once("SIGINT", resolve));
    await close();
    return 0;
  }
  await serveStdio(tools);
  return 0;
}
