import { type OpenApiDocument, type ParameterObject, resolveLocal, type SchemaObject } from "../lib/openapi-types.js";
import { type Code, join, literal, propertyKey, ts } from "./code.js";

/** Marks a binary value (`format: binary`); emitted as `new Blob([...])` in generated code. */
export const BINARY_EXAMPLE = Object.freeze({ __specsdkBinary: true });

const FORMAT_EXAMPLES: Record<string, string> = {
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "12:00:00Z",
  email: "user@example.com",
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  uri: "https://example.com/resource",
  url: "https://example.com/resource",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  byte: "ZXhhbXBsZQ==",
  password: "example-password",
};

const MAX_DEPTH = 6;

function firstTypeOf(schema: SchemaObject): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== "null");
  return schema.type;
}

function stringExample(schema: SchemaObject, name: string): string {
  const format = typeof schema.format === "string" ? schema.format : undefined;
  if (format && FORMAT_EXAMPLES[format]) return FORMAT_EXAMPLES[format];
  let value = `my-${name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "value"}`;
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  if (value.length < min) value = value.padEnd(min, "x");
  if (value.length > max) value = value.slice(0, max);
  return value;
}

function numberExample(schema: SchemaObject, integer: boolean): number {
  const minimum = typeof schema.minimum === "number" ? schema.minimum : undefined;
  // 3.1: exclusiveMinimum is a number; 3.0: a boolean qualifying `minimum`.
  const exclusiveMinimum =
    typeof schema.exclusiveMinimum === "number"
      ? schema.exclusiveMinimum
      : schema.exclusiveMinimum === true && typeof schema.minimum === "number"
        ? schema.minimum
        : undefined;
  const maximum = typeof schema.maximum === "number" ? schema.maximum : undefined;
  let value = exclusiveMinimum !== undefined ? exclusiveMinimum + 1 : (minimum ?? 1);
  if (maximum !== undefined && value > maximum) value = maximum;
  return integer ? Math.ceil(value) : value;
}

function merged(document: OpenApiDocument, parts: unknown[]): SchemaObject {
  const schemas = parts.map((part) => resolveLocal<SchemaObject>(document, part as SchemaObject));
  return {
    type: schemas.map(firstTypeOf).find(Boolean),
    properties: Object.assign({}, ...schemas.map((schema) => schema.properties ?? {})),
    required: schemas.flatMap((schema) => schema.required ?? []),
  };
}

/**
 * A value that satisfies a schema, for README examples and spec-derived contract tests: the
 * spec's own example first, then default, const, first enum value, then one built from the type
 * (formats, lengths and bounds respected; only required properties; read-only ones left out).
 */
export function exampleValue(document: OpenApiDocument, schemaOrRef: unknown, name = "value", depth = 0): unknown {
  if (schemaOrRef === undefined) return `my-${name.replace(/_/g, "-")}`;
  const schema = resolveLocal<SchemaObject>(document, schemaOrRef as SchemaObject);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  if (Array.isArray(schema.allOf)) return exampleValue(document, merged(document, schema.allOf), name, depth);
  const variants = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (variants?.length) {
    const nonNull = variants.find(
      (variant) => firstTypeOf(resolveLocal<SchemaObject>(document, variant as SchemaObject)) !== "null",
    );
    return exampleValue(document, nonNull ?? variants[0], name, depth);
  }
  switch (firstTypeOf(schema) ?? (schema.properties ? "object" : undefined)) {
    case "integer":
      return numberExample(schema, true);
    case "number":
      return numberExample(schema, false);
    case "boolean":
      return true;
    case "null":
      return null;
    case "array": {
      if (depth >= MAX_DEPTH) return [];
      const count = typeof schema.minItems === "number" && schema.minItems > 0 ? schema.minItems : 1;
      return Array.from({ length: count }, () => exampleValue(document, schema.items, name, depth + 1));
    }
    case "object": {
      if (depth >= MAX_DEPTH) return {};
      const entries = (schema.required ?? [])
        .filter((key) => {
          const property = schema.properties?.[key];
          return !(property && resolveLocal<SchemaObject>(document, property).readOnly === true);
        })
        .map((key) => [key, exampleValue(document, schema.properties?.[key], key, depth + 1)]);
      return Object.fromEntries(entries);
    }
    case "string":
      return schema.format === "binary" ? BINARY_EXAMPLE : stringExample(schema, name);
    default:
      return `my-${name.replace(/_/g, "-")}`;
  }
}

export function parameterExample(document: OpenApiDocument, parameter: ParameterObject): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const examples = (parameter as { examples?: Record<string, { value?: unknown }> }).examples;
  const first = examples ? Object.values(examples)[0] : undefined;
  if (first?.value !== undefined) return first.value;
  return exampleValue(document, parameter.schema, parameter.name);
}

/** A value as a TypeScript expression (object keys quoted only when needed; binary examples as Blobs). */
export function codeLiteral(value: unknown): Code {
  if (value === BINARY_EXAMPLE) return ts`new Blob(["specsdk example"])`;
  if (Array.isArray(value)) return ts`[${join(value.map(codeLiteral), ts`, `)}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([name, item]) => ts`${propertyKey(name)}: ${codeLiteral(item)}`);
    return entries.length === 0 ? ts`{}` : ts`{ ${join(entries, ts`, `)} }`;
  }
  return value === undefined ? ts`undefined` : literal(value);
}
