import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { ToolDefinition } from "./tool-definition.js";

/**
 * `--tools dynamic`: three meta-tools instead of one tool per operation, so a large API costs a few
 * hundred tokens of context until the agent asks for an operation's schema.
 */
export const LIST_OPERATIONS = "list_api_operations";
export const GET_OPERATION_SCHEMA = "get_api_operation_schema";
export const INVOKE_OPERATION = "invoke_api_operation";

/** The three meta-tools over `tools` (already filtered): annotations say the worst any operation may do. */
export function dynamicTools(displayName: string, tools: readonly ToolDefinition[]): Tool[] {
  const anyWrite = tools.some((tool) => !tool.annotations.readOnlyHint);
  const read = { readOnlyHint: true, openWorldHint: false } as const;
  return [
    {
      name: LIST_OPERATIONS,
      title: `List ${displayName} API operations`,
      description: `Lists the ${displayName} API operations this server can invoke: name, HTTP method and path, summary, tags. Filter with \`search\` (words in the name, path or summary) or \`tag\`.`,
      inputSchema: {
        type: "object",
        properties: {
          search: { type: "string", description: "Words that must appear in the name, path or summary (any case)." },
          tag: { type: "string", description: "Only operations with this tag." },
        },
        additionalProperties: false,
      },
      annotations: read,
    },
    {
      name: GET_OPERATION_SCHEMA,
      title: `Get a ${displayName} API operation's schema`,
      description: `The full description, input JSON Schema, output JSON Schema and hints of one operation from ${LIST_OPERATIONS}. Read it before calling ${INVOKE_OPERATION}.`,
      inputSchema: {
        type: "object",
        properties: { name: { type: "string", description: "The operation's name." } },
        required: ["name"],
        additionalProperties: false,
      },
      annotations: read,
    },
    {
      name: INVOKE_OPERATION,
      title: `Invoke a ${displayName} API operation`,
      description: `Calls one operation with \`arguments\` matching its input schema (from ${GET_OPERATION_SCHEMA}). Returns the API's response, or an error with the status and the API's message.`,
      inputSchema: {
        type: "object",
        properties: {
          name: { type: "string", description: "The operation's name." },
          arguments: { type: "object", description: "The operation's input, as its input schema describes." },
        },
        required: ["name"],
        additionalProperties: false,
      },
      annotations: {
        readOnlyHint: !anyWrite,
        destructiveHint: tools.some((tool) => tool.annotations.destructiveHint && !tool.annotations.readOnlyHint),
        idempotentHint: tools.every((tool) => tool.annotations.idempotentHint),
        openWorldHint: true,
      },
    },
  ];
}

/** One line per operation for `list_api_operations`. */
export function operationSummary(tool: ToolDefinition) {
  return {
    name: tool.name,
    method: tool.method.toUpperCase(),
    path: tool.path,
    summary: firstLine(tool.description),
    ...(tool.tags.length > 0 ? { tags: tool.tags } : {}),
    ...(tool.annotations.readOnlyHint ? { readOnly: true } : {}),
    ...(tool.annotations.destructiveHint && !tool.annotations.readOnlyHint ? { destructive: true } : {}),
  };
}

function firstLine(text: string): string {
  return text.split("\n", 1)[0] ?? "";
}

/** Whether an operation matches `search` (every word, any case) and `tag`. */
export function matchesQuery(tool: ToolDefinition, search: string | undefined, tag: string | undefined): boolean {
  if (tag !== undefined && !tool.tags.includes(tag)) return false;
  const haystack = `${tool.name} ${tool.path} ${firstLine(tool.description)}`.toLowerCase();
  return (search ?? "")
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
