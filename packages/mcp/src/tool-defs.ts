import type { ToolDefinition } from "./tool-definition.js";

/**
 * A tool with its schemas made whole: the shared definitions each names, under its `$defs` (MCP clients
 * read every tool's schema on its own). The table stores each definition once; the objects are shared.
 */
export function withDefinitions(
  tool: ToolDefinition,
  definitions: Readonly<Record<string, unknown>> = {},
): ToolDefinition {
  const defs = (names: readonly string[]) =>
    Object.fromEntries(
      names.map((name) => {
        if (!Object.hasOwn(definitions, name)) throw new Error(`${tool.name}: no definition ${JSON.stringify(name)}`);
        return [name, definitions[name]];
      }),
    );
  const { inputDefs, outputDefs, ...rest } = tool;
  return {
    ...rest,
    inputSchema: inputDefs?.length ? { ...tool.inputSchema, $defs: defs(inputDefs) } : tool.inputSchema,
    ...(tool.outputSchema
      ? { outputSchema: outputDefs?.length ? { ...tool.outputSchema, $defs: defs(outputDefs) } : tool.outputSchema }
      : {}),
  };
}
