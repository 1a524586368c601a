export { parseCommandLine, runMcpCli } from "./cli.js";
export { createMcpServer, ProviderTools, type ServerOptions } from "./create-server.js";
export { GET_OPERATION_SCHEMA, INVOKE_OPERATION, LIST_OPERATIONS } from "./dynamic-tools.js";
export type {
  JsonSchemaObject,
  NamedMethod,
  ProviderServerDefinition,
  ToolAnnotations,
  ToolDefinition,
} from "./tool-definition.js";
export { MAX_EVENTS } from "./tool-result.js";
export { ALL_TOOLS, selectTools, type ToolSelection } from "./tool-selection.js";
