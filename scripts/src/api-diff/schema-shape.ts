import { isReference, type OpenApiDocument, resolveLocal } from "../spec/openapi-types.js";

/** A JSON Schema object as parsed from the spec (loosely typed on purpose). */
export type Schema = Record<string, unknown>;

/**
 * What a schema means for a TypeScript type, flattened: the kinds of value it admits, and for objects
 * and arrays their properties and items. `$ref`s, `allOf`, `anyOf`/`oneOf`, 3.0 `nullable` and 3.1
 * type arrays are folded in, the way openapi-typescript turns them into one type.
 *
 * Kinds are `string`, `number` (integer too: both are `number` in TypeScript), `boolean`, `null`,
 * `object`, `array`, `unknown` (no constraint), or a literal written `=<JSON>` (an `enum`/`const`
 * value).
 */
export interface SchemaShape {
  /** The `$ref` the schema was reached through, if any (cycle detection). */
  ref: string | undefined;
  /** The resolved schema itself, for keyword-by-keyword comparison. */
  schema: Schema;
  kinds: Set<string>;
  properties: Map<string, unknown>;
  required: Set<string>;
  items: unknown;
}

const TYPE_KIND: Record<string, string> = {
  integer: "number",
  number: "number",
  string: "string",
  boolean: "boolean",
  null: "null",
  object: "object",
  array: "array",
};

export function literalKind(value: unknown): string {
  return value === null ? "null" : `=${JSON.stringify(value)}`;
}

/** The plain kind a literal belongs to (`="a"` → `string`). */
function kindOfLiteral(kind: string): string {
  const value: unknown = JSON.parse(kind.slice(1));
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

/** Whether every value of `kind` is admitted by `kinds`. */
export function covers(kinds: ReadonlySet<string>, kind: string): boolean {
  return kinds.has("unknown") || kinds.has(kind) || (kind.startsWith("=") && kinds.has(kindOfLiteral(kind)));
}

function intersect(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  return new Set([...[...a].filter((kind) => covers(b, kind)), ...[...b].filter((kind) => covers(a, kind))]);
}

interface Parts {
  /** undefined: this part says nothing about the kind of value. */
  kinds: Set<string> | undefined;
  properties: Map<string, unknown>;
  required: Set<string>;
  items: unknown;
}

function ownKinds(schema: Schema): Set<string> | undefined {
  let kinds: Set<string> | undefined;
  if ("const" in schema) kinds = new Set([literalKind(schema.const)]);
  else if (Array.isArray(schema.enum)) kinds = new Set(schema.enum.map(literalKind));
  else if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    kinds = new Set(types.map((type) => TYPE_KIND[String(type)] ?? "unknown"));
  } else if (schema.properties || schema.required || schema.additionalProperties !== undefined)
    kinds = new Set(["object"]);
  else if (schema.items) kinds = new Set(["array"]);
  if (kinds && schema.nullable === true) kinds.add("null");
  return kinds;
}

function collect(document: OpenApiDocument, value: unknown, visiting: ReadonlySet<string>): Parts {
  const empty = (): Parts => ({ kinds: undefined, properties: new Map(), required: new Set(), items: undefined });
  if (value === true || value === undefined) return empty();
  if (value === false) return { ...empty(), kinds: new Set() };
  let seen = visiting;
  if (isReference(value)) {
    if (visiting.has(value.$ref)) return empty(); // a schema that contains itself adds nothing new
    seen = new Set([...visiting, value.$ref]);
  }
  const schema = resolveLocal<Schema>(document, value as Schema);
  const parts: Parts = {
    kinds: ownKinds(schema),
    properties: new Map(Object.entries((schema.properties as Record<string, unknown> | undefined) ?? {})),
    required: new Set(Array.isArray(schema.required) ? schema.required.map(String) : []),
    items: schema.items,
  };
  if (Array.isArray(schema.allOf)) {
    for (const member of schema.allOf.map((entry) => collect(document, entry, seen))) {
      parts.kinds = intersect(parts.kinds, member.kinds);
      for (const [name, property] of member.properties)
        if (!parts.properties.has(name)) parts.properties.set(name, property);
      for (const name of member.required) parts.required.add(name);
      parts.items ??= member.items;
    }
  }
  const alternatives = [
    ...(Array.isArray(schema.anyOf) ? schema.anyOf : []),
    ...(Array.isArray(schema.oneOf) ? schema.oneOf : []),
  ].map((entry) => collect(document, entry, seen));
  if (alternatives.length > 0) {
    // A union: any alternative's values; a field is required only if every object alternative requires it.
    if (alternatives.every((member) => member.kinds)) {
      const union = new Set(alternatives.flatMap((member) => [...(member.kinds as Set<string>)]));
      parts.kinds = parts.kinds ? intersect(parts.kinds, union) : union;
    }
    const objects = alternatives.filter((member) => member.properties.size > 0 || member.kinds?.has("object"));
    for (const member of objects) {
      for (const [name, property] of member.properties)
        if (!parts.properties.has(name)) parts.properties.set(name, property);
    }
    const [first, ...rest] = objects;
    for (const name of first?.required ?? [])
      if (rest.every((member) => member.required.has(name))) parts.required.add(name);
    parts.items ??= alternatives.find((member) => member.items !== undefined)?.items;
  }
  return parts;
}

/** Flattens a schema (or a `$ref` to one) into the shape its TypeScript type has. */
export function schemaShape(document: OpenApiDocument, value: unknown): SchemaShape {
  const parts = collect(document, value, new Set());
  const schema =
    value === undefined || typeof value === "boolean" ? {} : resolveLocal<Schema>(document, value as Schema);
  return {
    ref: isReference(value) ? value.$ref : undefined,
    schema,
    kinds: parts.kinds ?? new Set(["unknown"]),
    properties: parts.properties,
    required: parts.required,
    items: parts.items,
  };
}

/** `string | null`, `"image" | "video"`: kinds as TypeScript would print them. */
export function describeKinds(kinds: Iterable<string>): string {
  const list = [...kinds].map((kind) => (kind.startsWith("=") ? kind.slice(1) : kind));
  return list.length === 0 ? "never" : list.join(" | ");
}
