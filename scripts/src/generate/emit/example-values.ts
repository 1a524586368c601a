import RandExpModule from "randexp";
import {
  type Discriminator,
  type DiscriminatorLiteral,
  discriminatorLiterals,
  discriminatorOf,
  refName,
} from "../../model/discriminators.js";
import {
  isReference,
  type OpenApiDocument,
  type ParameterObject,
  resolveLocal,
  type SchemaObject,
} from "../../spec/openapi-types.js";
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

/** A small seeded generator (mulberry32): example values stay the same from run to run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Attempts at a string that matches `pattern` and also fits `minLength`/`maxLength`. */
const PATTERN_ATTEMPTS = 200;

/**
 * A string matching a `pattern` and the length limits: the readable default when it fits, else the
 * shortest the regex allows, else seeded random ones (deterministic) until one fits.
 */
function patternExample(pattern: string, readable: string, min: number, max: number): string | undefined {
  const fits = (value: string) => value.length >= min && value.length <= max;
  try {
    const regex = new RegExp(pattern, "u");
    if (regex.test(readable) && fits(readable)) return readable;
    // randexp reads a lazy `{n}?` as "optional"; laziness never changes what an anchored pattern accepts.
    const generator = new RandExp(pattern.replace(/(\{\d+(,\d*)?\})\?/g, "$1"));
    generator.max = 4;
    Object.assign(generator, { randInt: (low: number) => low });
    const shortest = generator.gen();
    if (fits(shortest)) return shortest;
    generator.max = Math.max(4, Math.min(min, 64));
    for (let seed = 1; seed <= PATTERN_ATTEMPTS; seed++) {
      const random = seededRandom(seed);
      Object.assign(generator, {
        randInt: (low: number, high: number) => low + Math.floor(random() * (high - low + 1)),
      });
      const candidate = generator.gen();
      if (fits(candidate) && regex.test(candidate)) return candidate;
    }
    return shortest; // the schema check reports what does not fit
  } catch {
    return undefined; // a pattern JavaScript cannot read: the schema check reports the value
  }
}

function stringExample(schema: SchemaObject, name: string): string {
  const format = typeof schema.format === "string" ? schema.format : undefined;
  const readable = `my-${name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "") || "value"}`;
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  if (typeof schema.pattern === "string") {
    const matching = patternExample(
      schema.pattern,
      format && FORMAT_EXAMPLES[format] ? FORMAT_EXAMPLES[format] : readable,
      min,
      max,
    );
    if (matching !== undefined) return matching;
  }
  if (format && FORMAT_EXAMPLES[format]) return FORMAT_EXAMPLES[format];
  let value = readable;
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

/**
 * An object example with its discriminator property set to the first of `values` the schema's own
 * definition of that property allows (ajv checks that one); as built when it allows none or is read-only.
 */
function withDiscriminator(
  document: OpenApiDocument,
  value: unknown,
  schema: SchemaObject,
  { propertyName, values }: DiscriminatorLiteral,
): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value === BINARY_EXAMPLE) return value;
  const current = (value as Record<string, unknown>)[propertyName];
  if (values.includes(current as string)) return value;
  const property = (schema.allOf ? merged(document, schema) : schema).properties?.[propertyName];
  const own = property === undefined ? {} : resolveLocal<SchemaObject>(document, property);
  if (own.readOnly === true) return value;
  const allowed = values.find(
    (candidate) =>
      (own.const === undefined || own.const === candidate) &&
      (!Array.isArray(own.enum) || own.enum.includes(candidate)),
  );
  return allowed === undefined ? value : { ...value, [propertyName]: allowed };
}

/**
 * The value that selects a `oneOf`/`anyOf` variant named by `ref`: the mapping key pointing at it
 * (as a ref or a bare schema name), else the schema's name (OpenAPI's implicit mapping).
 */
function selectingValue(discriminator: Discriminator, ref: string): string {
  const entries = Object.entries(discriminator.mapping ?? {});
  return (
    entries.find(([, target]) => target === ref)?.[0] ??
    entries.find(([, target]) => target === refName(ref))?.[0] ??
    refName(ref)
  );
}

export interface ExampleOptions {
  /** Whether the spec's own `example`/`examples`/`default` values are used (false: built from the schema alone). */
  useExamples: boolean;
}

/**
 * A structured schema's example written as JSON text (`example: '{"a": 1}'`), parsed; else as given.
 * Structured: typed object or array, or untyped with `properties` or `items` (Xero's).
 */
export function givenExample(schema: SchemaObject, value: unknown): unknown {
  const type = firstTypeOf(schema);
  const structured =
    type === undefined
      ? schema.properties !== undefined || schema.items !== undefined
      : ["object", "array"].includes(type);
  if (!structured || typeof value !== "string") return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null ? parsed : value;
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
  const value = builtValue(document, schema, name, depth, options);
  // A schema whose type names its discriminator value (a oneOf variant, an allOf child) carries it.
  const literal = discriminatorLiterals(document).get(schema);
  return literal ? withDiscriminator(document, value, schema, literal) : value;
}

function builtValue(
  document: OpenApiDocument,
  schema: SchemaObject,
  name: string,
  depth: number,
  options: ExampleOptions,
): unknown {
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
    const nonNull = variants.filter(
      (variant) => firstTypeOf(resolveLocal<SchemaObject>(document, variant as SchemaObject)) !== "null",
    );
    const discriminator = discriminatorOf(schema);
    // With a discriminator, the first variant it can name (a $ref), with the value that selects it
    // (already set when the variant's type says which: `withDiscriminator` above).
    const chosen = (discriminator && nonNull.find(isReference)) || nonNull[0] || variants[0];
    // Variants that only add to the schema beside them (GitHub's gist update: `anyOf` of `required`
    // lists next to `properties`) are built merged with it.
    const { oneOf: _oneOf, anyOf: _anyOf, ...beside } = schema;
    if (!discriminator && (beside.type !== undefined || beside.properties !== undefined)) {
      return nested(merged(document, { ...beside, allOf: [chosen as SchemaObject] }), name, depth);
    }
    const value = nested(chosen, name, depth);
    if (!discriminator || !isReference(chosen)) return value;
    const variant = resolveLocal<SchemaObject>(document, chosen);
    if (discriminatorLiterals(document).has(variant)) return value;
    return withDiscriminator(document, value, variant, {
      propertyName: discriminator.propertyName,
      values: [selectingValue(discriminator, chosen.$ref)],
    });
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
  const schema = parameter.schema ? resolveLocal<SchemaObject>(document, parameter.schema) : undefined;
  // Each variant of a oneOf too: sent as text, `1` matches both `integer` and `string` (GitHub's workflow_id).
  const variants = ((schema?.oneOf ?? schema?.anyOf) as unknown[] | undefined) ?? [];
  return [
    parameter.example,
    firstNamedExample(document, examples),
    exampleValue(document, parameter.schema, parameter.name),
    exampleValue(document, parameter.schema, parameter.name, 0, { useExamples: false }),
    ...variants.map((variant) => exampleValue(document, variant, parameter.name)),
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

const COMPOSITIONS = ["allOf", "oneOf", "anyOf"] as const;

/** The schemas a value at one place must fit: each given one with its `allOf`/`oneOf`/`anyOf` parts, refs resolved. */
function withParts(document: OpenApiDocument, schemas: unknown[]): SchemaObject[] {
  const parts: SchemaObject[] = [];
  const visit = (schemaOrRef: unknown) => {
    if (typeof schemaOrRef !== "object" || schemaOrRef === null) return;
    const schema = resolveLocal<SchemaObject>(document, schemaOrRef as SchemaObject);
    if (typeof schema !== "object" || schema === null || parts.includes(schema)) return;
    parts.push(schema);
    for (const keyword of COMPOSITIONS) {
      if (Array.isArray(schema[keyword])) for (const part of schema[keyword] as unknown[]) visit(part);
    }
  };
  for (const schema of schemas) visit(schema);
  return parts;
}

function isSchemaMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether openapi-typescript types a schema as open to any property (`Record<string, unknown>`, or an index signature). */
function allowsAnyProperty(schema: SchemaObject): boolean {
  const { additionalProperties } = schema;
  if (additionalProperties === true || isSchemaMap(additionalProperties) || isSchemaMap(schema.patternProperties)) {
    return true;
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return (
    types.includes("object") &&
    additionalProperties !== false &&
    Object.keys(isSchemaMap(schema.properties) ? schema.properties : {}).length === 0 &&
    COMPOSITIONS.every((keyword) => schema[keyword] === undefined)
  );
}

/** Whether a schema says nothing about a value's shape (openapi-typescript: `unknown`). */
function unconstrained(schema: SchemaObject): boolean {
  return ["type", "properties", "additionalProperties", "patternProperties", "items", ...COMPOSITIONS].every(
    (keyword) => schema[keyword] === undefined,
  );
}

/**
 * The first field of a value that the TypeScript type generated for its schema may not accept in an
 * object literal, said in a few words (`/configs/macos/safari is not a property of its schema`), else
 * undefined. Such a value is valid JSON Schema, but: a `required` name that `properties` lacks or an
 * example's extra data is an excess property; a discriminator value other than the one
 * openapi-typescript writes into the variant's type (model/discriminators.ts) is not assignable.
 * Conservative: a field is accepted only where some schema the value must fit names it (or allows
 * any); read-only properties are not named (named inputs leave them out).
 */
export function untypedField(document: OpenApiDocument, schema: unknown, value: unknown): string | undefined {
  return untypedIn(document, schema === undefined ? [] : [schema], value, "");
}

function untypedIn(document: OpenApiDocument, schemas: unknown[], value: unknown, path: string): string | undefined {
  if (typeof value !== "object" || value === null || value === BINARY_EXAMPLE) return undefined;
  const parts = withParts(document, schemas);
  if (Array.isArray(value)) {
    const items = parts.map((part) => part.items).filter(isSchemaMap);
    for (const [index, item] of value.entries()) {
      const found = untypedIn(document, items, item, `${path}/${index}`);
      if (found) return found;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const named = new Map<string, unknown[]>();
  const anyProperty: unknown[] = [];
  const literals = new Map<string, string[]>();
  let open = parts.every(unconstrained);
  for (const part of parts) {
    for (const [key, property] of Object.entries(isSchemaMap(part.properties) ? part.properties : {})) {
      if (resolveLocal<SchemaObject>(document, property as SchemaObject).readOnly === true) continue;
      named.set(key, [...(named.get(key) ?? []), property]);
    }
    const literal = discriminatorLiterals(document).get(part);
    if (literal) literals.set(literal.propertyName, [...(literals.get(literal.propertyName) ?? []), ...literal.values]);
    for (const key of [discriminatorOf(part)?.propertyName, literal?.propertyName]) {
      if (key !== undefined && !named.has(key)) named.set(key, []);
    }
    if (allowsAnyProperty(part)) open = true;
    if (isSchemaMap(part.additionalProperties)) anyProperty.push(part.additionalProperties);
    if (isSchemaMap(part.patternProperties)) anyProperty.push(...Object.values(part.patternProperties));
  }
  for (const [key, values] of literals) {
    if (!values.includes(record[key] as string)) {
      return `${path}/${key} is ${JSON.stringify(record[key]) ?? "missing"}, not what its type requires (${values.map((v) => JSON.stringify(v)).join(" | ")})`;
    }
  }
  for (const [key, item] of Object.entries(record)) {
    const schemasOfKey = named.get(key);
    if (!schemasOfKey && !open) return `${path}/${key} is not a property of its schema`;
    const found = untypedIn(document, [...(schemasOfKey ?? []), ...anyProperty], item, `${path}/${key}`);
    if (found) return found;
  }
  return undefined;
}
