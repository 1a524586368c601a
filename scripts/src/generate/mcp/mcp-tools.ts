import { createHash } from "node:crypto";
import { isCredentialParameter, type OperationModel, type ProviderModel } from "../../model/provider-model.js";
import { SpecError } from "../../shared/spec-error.js";
import type { MediaTypeObject, OperationObject, ParameterObject, ResponseObject } from "../../spec/openapi-types.js";
import { resolveLocal } from "../../spec/openapi-types.js";
import { belongsTo, ToolSchemaConverter } from "./mcp-json-schema.js";

/** One tool of a generated MCP server: the data `@specsdk/mcp`'s `ToolDefinition` describes. */
export interface McpTool {
  name: string;
  /** The client's named method, when the tool's name had to differ from it (see toolName). */
  methodName?: string;
  method: string;
  path: string;
  tags: string[];
  description: string;
  inputSchema: Record<string, unknown> & { type: "object" };
  outputSchema?: Record<string, unknown> & { type: "object" };
  wrapsResult?: true;
  /** Definitions (by name, in the table's `definitions`) the input schema needs under its `$defs`. */
  inputDefs?: string[];
  outputDefs?: string[];
  annotations: {
    title?: string;
    readOnlyHint: boolean;
    destructiveHint: boolean;
    idempotentHint: boolean;
    openWorldHint: true;
  };
}

const LOCATIONS = ["path", "query", "header", "cookie"] as const;
const READ_METHODS = new Set(["get", "head"]);

/** MCP tool names: letters, digits, `_`, `-`, `.`; at most 128 characters. */
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
const MAX_TOOL_NAME = 128;

/**
 * The method name when MCP allows it; else (a `$`, more than 128 characters) the allowed characters,
 * cut to fit, and a digest of the method name, so two long names stay two tools.
 */
function toolName(method: string): string {
  if (TOOL_NAME.test(method)) return method;
  const digest = createHash("sha256").update(method).digest("hex").slice(0, 8);
  return `${method.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, MAX_TOOL_NAME - digest.length - 1)}_${digest}`;
}

/** Operations the provider config marks destructive besides DELETEs (by method name). */
export function destructiveOperations(model: ProviderModel): string[] {
  return model.config.destructiveOperations ?? [];
}

function parameterSchema(converter: ToolSchemaConverter, parameter: ParameterObject): Record<string, unknown> {
  const media = Object.values((parameter as { content?: Record<string, MediaTypeObject> }).content ?? {})[0];
  const schema = converter.schema(parameter.schema ?? media?.schema, "input");
  // The parameter's description is what the user reads; its schema's own may be absent.
  if (parameter.description && schema.description === undefined)
    return { description: parameter.description, ...schema };
  return schema;
}

/** `{ type: object, properties, required }` for one group of fields. */
function objectOf(
  properties: [string, Record<string, unknown>][],
  required: string[],
  additionalProperties: unknown = false,
): Record<string, unknown> & { type: "object" } {
  return {
    type: "object",
    properties: Object.fromEntries(properties),
    ...(required.length > 0 ? { required } : {}),
    additionalProperties,
  };
}

/** The named method's argument as JSON Schema: parameters and body, the credential left out. */
function inputSchema(model: ProviderModel, operation: OperationModel, converter: ToolSchemaConverter) {
  const parameters = operation.parameters.filter((parameter) => !isCredentialParameter(model.placement, parameter));
  const isRequired = (parameter: ParameterObject) => parameter.required === true || parameter.in === "path";
  const credentialField = model.placement.in === "body" && operation.authenticated ? model.placement.name : undefined;
  const body: [string, Record<string, unknown>][] = [];
  if (operation.bodyInput === "property")
    body.push(["body", converter.schema(operation.requestBodyMedia?.schema, "input")]);

  if (operation.inputShape === "grouped") {
    const groups: [string, Record<string, unknown>][] = [];
    const required: string[] = [];
    for (const location of LOCATIONS) {
      const inLocation = parameters.filter((parameter) => parameter.in === location);
      if (inLocation.length === 0) continue;
      const names = inLocation.filter(isRequired).map((parameter) => parameter.name);
      groups.push([
        location,
        objectOf(
          inLocation.map((p) => [p.name, parameterSchema(converter, p)]),
          names,
        ),
      ]);
      if (names.length > 0) required.push(location);
    }
    if (operation.bodyRequired && body.length > 0) required.push("body");
    return objectOf([...groups, ...body], required);
  }

  const properties: [string, Record<string, unknown>][] = parameters.map((p) => [
    p.name,
    parameterSchema(converter, p),
  ]);
  const required = parameters.filter(isRequired).map((parameter) => parameter.name);
  let additional: unknown = false;
  if (operation.bodyInput === "fields" && operation.bodySchema) {
    const schema = operation.bodySchema;
    // The credential is the client's to add; a read-only field is the server's to assign.
    const isInput = (field: string) => field !== credentialField && belongsTo(schema.properties?.[field], "input");
    for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
      if (isInput(field)) properties.push([field, converter.schema(fieldSchema, "input")]);
    }
    required.push(...(schema.required ?? []).filter(isInput));
    // A body that allows more fields than it names: so does the tool.
    const extra = (schema as { additionalProperties?: unknown }).additionalProperties;
    if (extra !== undefined && extra !== false) additional = extra === true ? true : converter.schema(extra, "input");
  }
  if (operation.bodyRequired && body.length > 0) required.push("body");
  return objectOf([...properties, ...body], required, additional);
}

function isObjectSchema(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const { type, properties } = schema as { type?: unknown; properties?: unknown };
  return type === "object" || (type === undefined && properties !== undefined);
}

/**
 * The success body's schema, for structured content: the body itself when every JSON 2xx body is one
 * object schema, else `{ result }` around it (MCP's output schemas are objects). None when a 2xx may
 * have no JSON body (structured content could not always be given).
 */
function outputSchema(
  model: ProviderModel,
  operation: OperationModel,
  converter: ToolSchemaConverter,
): Pick<McpTool, "outputSchema" | "wrapsResult"> {
  if (operation.successParse !== "json") return {};
  if (operation.successResponses.some((response) => response.jsonMediaTypes.length !== response.mediaTypes.length)) {
    return {};
  }
  const declared = model.document.paths?.[operation.path]?.[operation.method] as OperationObject;
  const schemas = new Map<string, unknown>();
  for (const response of operation.successResponses) {
    const content = resolveLocal<ResponseObject>(
      model.document,
      declared.responses?.[response.code] as ResponseObject,
    ).content;
    for (const type of response.jsonMediaTypes) {
      const schema = content?.[type]?.schema ?? {};
      schemas.set(JSON.stringify(schema), schema);
    }
  }
  if (schemas.size === 0) return {};
  const [only] = schemas.values();
  if (schemas.size === 1 && isObjectSchema(converter.resolved(only))) {
    const root = converter.schema(converter.resolved(only), "output");
    return { outputSchema: { ...root, type: "object" as const } };
  }
  const parts = [...schemas.values()].map((schema) => converter.schema(schema, "output"));
  const result = parts.length === 1 ? (parts[0] as Record<string, unknown>) : { anyOf: parts };
  return {
    outputSchema: { type: "object" as const, properties: { result }, required: ["result"] },
    wrapsResult: true,
  };
}

function description(operation: OperationModel): string {
  const parts = [operation.summary, operation.description].map((text) => text?.trim()).filter(Boolean) as string[];
  if (parts.length === 2 && parts[1]?.startsWith(parts[0] as string)) parts.shift();
  parts.push(`${operation.method.toUpperCase()} ${operation.path}${operation.deprecated ? " (deprecated)" : ""}`);
  return parts.join("\n\n");
}

/** A provider's MCP tools, and the schema definitions they share (each once). */
export interface McpToolTable {
  definitions: Record<string, unknown>;
  tools: McpTool[];
}

/** One MCP tool per operation of the provider, in the provider's operation order. */
export function mcpTools(model: ProviderModel): McpToolTable {
  const destructive = new Set(destructiveOperations(model));
  for (const name of destructive) {
    if (!model.operations.some((operation) => operation.name === name)) {
      const known = model.operations.map((operation) => operation.name).join(", ");
      throw new SpecError(
        model.specFile,
        `provider config marks "${name}" destructive, which the spec does not have (known: ${known})`,
      );
    }
  }
  const converter = new ToolSchemaConverter(model.document);
  const tools = model.operations.map((operation): McpTool => {
    const name = toolName(operation.name);
    const declared = model.document.paths?.[operation.path]?.[operation.method] as OperationObject | undefined;
    const tags = ((declared as { tags?: unknown })?.tags ?? []) as unknown[];
    const readOnly = READ_METHODS.has(operation.method);
    const summary = operation.summary?.trim();
    const input = inputSchema(model, operation, converter);
    const output = outputSchema(model, operation, converter);
    const inputDefs = converter.reached(input);
    const outputDefs = converter.reached(output.outputSchema);
    return {
      name,
      ...(name === operation.name ? {} : { methodName: operation.name }),
      method: operation.method,
      path: operation.path,
      tags: tags.filter((tag): tag is string => typeof tag === "string"),
      description: description(operation),
      inputSchema: input,
      ...output,
      ...(inputDefs.length > 0 ? { inputDefs } : {}),
      ...(outputDefs.length > 0 ? { outputDefs } : {}),
      annotations: {
        ...(summary ? { title: summary } : {}),
        readOnlyHint: readOnly,
        destructiveHint: !readOnly && (operation.method === "delete" || destructive.has(operation.name)),
        idempotentHint: operation.idempotent,
        openWorldHint: true,
      },
    };
  });
  const names = new Set(tools.map((tool) => tool.name));
  if (names.size !== tools.length) throw new Error("generator bug: two operations got the same MCP tool name");
  return { definitions: converter.definitions(), tools };
}
