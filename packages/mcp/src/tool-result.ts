import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { ApiError, SpecSdkError } from "@specsdk/core";
import { schemaProblems } from "./schema-check.js";
import type { ToolDefinition } from "./tool-definition.js";

/** Events an event-stream tool collects before it answers (a tool result is one message, not a stream). */
export const MAX_EVENTS = 1000;

/** Replaces every occurrence of the key (belt and braces: the client already redacts what it reports). */
export type Redact = (text: string) => string;

export function redactor(secret: string | undefined): Redact {
  // Short values would mangle ordinary text; a real key is never this short.
  if (!secret || secret.length < 8) return (text) => text;
  return (text) => text.split(secret).join("[redacted]");
}

export function toolError(text: string, redact: Redact): CallToolResult {
  return { isError: true, content: [{ type: "text", text: redact(text) }] };
}

/** An API or client error as an MCP tool error: status, the API's message and body (redacted by the client). */
export function errorResult(error: unknown, redact: Redact): CallToolResult {
  if (error instanceof ApiError) {
    const lines = [`HTTP ${error.status} from ${error.method} ${error.url}: ${error.message}`];
    for (const problem of error.fieldProblems) lines.push(`- ${problem.field}: ${problem.message}`);
    if (error.body !== undefined) lines.push(`Response body: ${JSON.stringify(error.body)}`);
    return toolError(lines.join("\n"), redact);
  }
  if (error instanceof SpecSdkError) return toolError(`${error.name}: ${error.message}`, redact);
  // Anything else is our bug or the environment's; its message may quote values, so it is redacted too.
  const name = error instanceof Error ? error.name : "Error";
  return toolError(`${name}: ${error instanceof Error ? error.message : String(error)}`, redact);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** A named method's success value as an MCP tool result; JSON is checked against the tool's output schema. */
export async function successResult(tool: ToolDefinition, data: unknown, redact: Redact): Promise<CallToolResult> {
  if (data === undefined) return { content: [{ type: "text", text: "Done: the API answered with an empty body." }] };
  if (typeof Blob !== "undefined" && data instanceof Blob) {
    const bytes = Buffer.from(await data.arrayBuffer());
    const mimeType = data.type || "application/octet-stream";
    return {
      content: [
        { type: "resource", resource: { uri: `specsdk:${tool.name}`, mimeType, blob: bytes.toString("base64") } },
      ],
    };
  }
  if (isAsyncIterable(data)) {
    const events: unknown[] = [];
    for await (const event of data) {
      events.push(event);
      if (events.length >= MAX_EVENTS) break;
    }
    return { content: [{ type: "text", text: redact(JSON.stringify({ events })) }] };
  }
  if (typeof data === "string" && !tool.outputSchema) return { content: [{ type: "text", text: redact(data) }] };
  if (!tool.outputSchema) return { content: [{ type: "text", text: redact(JSON.stringify(data)) }] };
  const structured = (tool.wrapsResult ? { result: data } : data) as Record<string, unknown>;
  const problems = schemaProblems(tool.outputSchema, structured);
  if (problems.length > 0) {
    return toolError(
      `The API answered ${tool.name} with a body its spec does not allow:\n${problems.map((line) => `- ${line}`).join("\n")}\nBody: ${JSON.stringify(data)}`,
      redact,
    );
  }
  // Redacted as text and read back, so the text and the structured content stay the same value.
  const text = redact(JSON.stringify(structured));
  return { content: [{ type: "text", text }], structuredContent: JSON.parse(text) as Record<string, unknown> };
}
