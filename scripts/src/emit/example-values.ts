import RandExpModule from "randexp";
import { type OpenApiDocument, type ParameterObject, resolveLocal, type SchemaObject } from "../lib/openapi-types.js";
import { type Code, join, literal, propertyKey, ts } from "./code.js";

// randexp is CommonJS with `exports.default`: Node's ESM import gives the module object, vite's the class.
type RandExpClass = typeof RandExpModule.default;
const RandExp: RandExpClass =
  (RandExpModule as unknown as { default?: RandExpClass }).default ?? (RandExpModule as unknown as RandExpClass);

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

/** A string matching a `pattern`: the readable default when it matches, else the shortest the regex allows (deterministic). */
function patternExample(pattern: string, readable: string): string | undefined {
  try {
    if (new RegExp(pattern, "u").test(readable)) return readable;
    const generator = new RandExp(pattern);
    generator.max = 4;
    Object.assign(generator, { randInt: (low: number) => low });
    return generator.gen();
  } catch {
    return undefined; // a pattern JavaScript cannot read: the schema check reports the value
  }
}

function stringExample(schema: SchemaObject, name: string): string {
  const format = typeof schema.format === "string" ? schema.format : undefined;
  const readable = `my-${name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "value"}`;
  if (typeof schema.pattern === "string") {
    const matching = patternExample(
      schema.pattern,
      format && FORMAT_EXAMPLES[format] ? FORMAT_EXAMPLES[format] : readable,
    );
    if (matching !== undefined) return matching;
  }
  if (format && FORMAT_EXAMPLES[format]) return FORMAT_EXAMPLES[format];
  let value = readable;
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

/**
 * An `allOf` (with what sits beside it: Stripe puts `required` there) as one schema: properties and
 * required fields of every part, and each other keyword from the first part that has it.
 */
function merged(document: OpenApiDocument, schema: SchemaObject): SchemaObject {
  const { allOf, ...beside } = schema;
  const parts = [
    beside,
    ...(allOf as unknown[]).map((part) => resolveLocal<SchemaObject>(document, part as SchemaObject)),
  ];
  const result: SchemaObject = {};
  for (const part of parts) {
    const inner = part.allOf ? merged(document, part) : part;
    for (const [keyword, value] of Object.entries(inner)) {
      if (keyword === "properties") result.properties = { ...(result.properties ?? {}), ...(value as object) };
      else if (keyword === "required")
        result.required = [...new Set([...(result.required ?? []), ...(value as string[])])];
      else if (result[keyword] === undefined) result[keyword] = value;
    }
  }
  return result;
}

export interface ExampleOptions {
  /** Whether the spec's own `example`/`examples`/`default` values are used (false: built from the schema alone). */
  useExamples: boolean;
}

/** A structured schema's example written as JSON text (`example: '{"a": 1}'`), parsed; else as given. */
function givenExample(schema: SchemaObject, value: unknown): unknown {
  const structured = ["object", "array"].includes(firstTypeOf(schema) ?? "");
  if (!structured || typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A value that satisfies a schema, for README examples and spec-derived contract tests: the
 * spec's own example first (unless `useExamples` is off), then const, first enum value, then one
 * built from the type (formats, lengths and bounds respected; only required properties; read-only
 * ones left out). Callers check the result against the schema (schema-validator.ts).
 */
export function exampleValue(
  document: OpenApiDocument,
  schemaOrRef: unknown,
  name = "value",
  depth = 0,
  options: ExampleOptions = { useExamples: true },
): unknown {
  if (schemaOrRef === undefined) return `my-${name.replace(/_/g, "-")}`;
  const schema = resolveLocal<SchemaObject>(document, schemaOrRef as SchemaObject);
  const nested = (child: unknown, childName: string, childDepth: number) =>
    exampleValue(document, child, childName, childDepth, options);
  if (options.useExamples) {
    if (schema.example !== undefined) return givenExample(schema, schema.example);
    if (Array.isArray(schema.examples) && schema.examples.length > 0) return givenExample(schema, schema.examples[0]);
    if (schema.default !== undefined) return schema.default;
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((value) => value !== null) ?? schema.enum[0];
  if (Array.isArray(schema.allOf)) return nested(merged(document, schema), name, depth);
  const variants = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (variants?.length) {
    const nonNull = variants.find(
      (variant) => firstTypeOf(resolveLocal<SchemaObject>(document, variant as SchemaObject)) !== "null",
    );
    return nested(nonNull ?? variants[0], name, depth);
  }
  switch (firstTypeOf(schema) ?? (schema.properties ? "object" : schema.items ? "array" : undefined)) {
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
      return Array.from({ length: count }, () => nested(schema.items, name, depth + 1));
    }
    case "object": {
      if (depth >= MAX_DEPTH) return {};
      const entries = (schema.required ?? [])
        .filter((key) => {
          const property = schema.properties?.[key];
          return !(property && resolveLocal<SchemaObject>(document, property).readOnly === true);
        })
        .map((key) => [key, nested(schema.properties?.[key], key, depth + 1)]);
      return Object.fromEntries(entries);
    }
    case "string":
      return schema.format === "binary" ? BINARY_EXAMPLE : stringExample(schema, name);
    default:
      return `my-${name.replace(/_/g, "-")}`;
  }
}

/** The first value of an OpenAPI `examples` map (each entry an Example Object, or a ref to one). */
export function firstNamedExample(document: OpenApiDocument, examples: unknown): unknown {
  if (typeof examples !== "object" || examples === null || Array.isArray(examples)) return undefined;
  const first = Object.values(examples)[0];
  return first === undefined
    ? undefined
    : resolveLocal<{ value?: unknown }>(document, first as { value?: unknown }).value;
}

/** Candidate values for a parameter, best first: its own example(s), then from its schema with and without the schema's examples. */
export function parameterExamples(document: OpenApiDocument, parameter: ParameterObject): unknown[] {
  const examples = (parameter as { examples?: unknown }).examples;
  return [
    parameter.example,
    firstNamedExample(document, examples),
    exampleValue(document, parameter.schema, parameter.name),
    exampleValue(document, parameter.schema, parameter.name, 0, { useExamples: false }),
  ].filter((value) => value !== undefined);
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
