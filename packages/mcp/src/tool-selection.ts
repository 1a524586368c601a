import type { ToolDefinition } from "./tool-definition.js";

/** Which tools a server exposes (every list empty: no filter of that kind). */
export interface ToolSelection {
  /** Only read tools (GET/HEAD): every write, destructive or not, is off, in both modes. */
  readOnly: boolean;
  /** Tool names; a tool is kept when it is one of them. */
  tools: readonly string[];
  /** Spec tags; a tool is kept when it has one of them. */
  tags: readonly string[];
  /** `read` (GET/HEAD) or `write` (everything else). */
  operation?: "read" | "write" | undefined;
}

export const ALL_TOOLS: ToolSelection = { readOnly: false, tools: [], tags: [] };

/** The tools a selection keeps, in table order: filters of different kinds all apply, names within one kind are alternatives. */
export function selectTools(tools: readonly ToolDefinition[], selection: ToolSelection): ToolDefinition[] {
  return tools.filter(
    (tool) =>
      (!selection.readOnly || tool.annotations.readOnlyHint) &&
      (selection.tools.length === 0 || selection.tools.includes(tool.name)) &&
      (selection.tags.length === 0 || tool.tags.some((tag) => selection.tags.includes(tag))) &&
      (selection.operation === undefined || (selection.operation === "read") === tool.annotations.readOnlyHint),
  );
}

/** Names the selection asks for that the table does not have (a typo must not silently serve nothing). */
export function unknownNames(tools: readonly ToolDefinition[], selection: ToolSelection): string[] {
  const tags = new Set(tools.flatMap((tool) => tool.tags));
  return [
    ...selection.tools.filter((name) => !tools.some((tool) => tool.name === name)).map((name) => `tool ${name}`),
    ...selection.tags.filter((tag) => !tags.has(tag)).map((tag) => `tag ${tag}`),
  ];
}
