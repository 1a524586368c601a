/** The parts of an OpenAPI 3.0/3.1 document the generator reads (loosely typed on purpose). */
export interface ReferenceObject {
  $ref: string;
}
export interface ServerObject {
  url: string;
  variables?: Record<string, { default: string }>;
}
export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  /** How the value is serialized (`form`, `deepObject`, …); OpenAPI's default depends on `in`. */
  style?: string;
  schema?: SchemaObject | ReferenceObject;
  example?: unknown;
}
export interface SchemaObject {
  type?: string | string[];
  properties?: Record<string, SchemaObject | ReferenceObject>;
  required?: string[];
  allOf?: (SchemaObject | ReferenceObject)[];
  default?: unknown;
  enum?: unknown[];
  example?: unknown;
  [keyword: string]: unknown;
}
export interface MediaTypeObject {
  schema?: SchemaObject | ReferenceObject;
  example?: unknown;
  examples?: Record<string, unknown>;
  /** Per form field: how it is serialized (`style: deepObject`, …). */
  encoding?: Record<string, { style?: string; explode?: boolean } | undefined>;
}
export interface RequestBodyObject {
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}
export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}
export type SecurityRequirement = Record<string, string[]>;
export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: (ParameterObject | ReferenceObject)[];
  requestBody?: RequestBodyObject | ReferenceObject;
  responses?: Record<string, ResponseObject | ReferenceObject>;
  security?: SecurityRequirement[];
  servers?: ServerObject[];
}
export interface PathItemObject {
  parameters?: (ParameterObject | ReferenceObject)[];
  servers?: ServerObject[];
  [method: string]: unknown;
}
export interface SecuritySchemeObject {
  type: "apiKey" | "http" | "oauth2" | "openIdConnect" | "mutualTLS";
  scheme?: string;
  name?: string;
  in?: "header" | "query" | "cookie";
}
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers?: ServerObject[];
  paths?: Record<string, PathItemObject>;
  security?: SecurityRequirement[];
  components?: {
    schemas?: Record<string, SchemaObject | ReferenceObject>;
    securitySchemes?: Record<string, SecuritySchemeObject | ReferenceObject>;
    [section: string]: unknown;
  };
  [key: string]: unknown;
}

export { HTTP_METHODS, type HttpMethod } from "../shared/runtime-vocabulary.js";

export function isReference(value: unknown): value is ReferenceObject {
  return typeof value === "object" && value !== null && typeof (value as ReferenceObject).$ref === "string";
}

/**
 * The node a local `#/…` ref names, or undefined. A ref is a URI fragment, so its segments may be
 * percent-encoded (`#/paths/~1users~1%7Bid%7D`) besides JSON Pointer's `~1` and `~0`.
 */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (ref === "#" || ref === "#/") return document;
  let node = document;
  for (const raw of ref.slice(2).split("/")) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    } catch {
      return undefined; // a malformed %-escape names nothing
    }
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows local `$ref`s (`#/components/...`), including chains. */
export function resolveLocal<T>(document: OpenApiDocument, value: T | ReferenceObject): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith("#/"))
      throw new Error(`external $ref ${JSON.stringify(ref)} is not supported; bundle the spec first`);
    if (seen.has(ref)) throw new Error(`circular $ref ${JSON.stringify(ref)}`);
    seen.add(ref);
    current = resolvePointer(document, ref);
    if (current === undefined) throw new Error(`$ref ${JSON.stringify(ref)} points to nothing`);
  }
  return current as T;
}
