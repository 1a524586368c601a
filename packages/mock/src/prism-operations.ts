import { createRequire } from "node:module";
import $RefParser from "@stoplight/json-schema-ref-parser";
import type { createServer } from "@stoplight/prism-http-server";

/** An operation as Prism's server takes it. */
export type PrismOperation = Parameters<typeof createServer>[0][number];

// http-spec's type declarations pull in TypeScript sources that do not compile under our settings:
// these are the three functions used, typed here.
const require = createRequire(import.meta.url);
const { convertToJsonSchema } = require("@stoplight/http-spec/oas") as {
  convertToJsonSchema(document: object, schema: object): Record<string, unknown>;
};
const { transformOas2Operations } = require("@stoplight/http-spec/oas2/operation") as {
  transformOas2Operations(document: object): PrismOperation[];
};
const { transformOas3Operations } = require("@stoplight/http-spec/oas3/operation") as {
  transformOas3Operations(document: object): PrismOperation[];
};

/** Where Prism's validator and response samplers look up a `$ref` of an operation's schemas. */
const BUNDLE_KEY = "__bundled__";
const BUNDLED_PREFIX = `#/${BUNDLE_KEY}/`;

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null;

/**
 * The operations Prism mocks for a spec, read as Prism's own `getHttpOperationsFromSpec` reads them
 * except that a shared schema stays shared. Prism dereferences every `$ref`, then copies the result
 * into a tree, one copy of a schema per path that reaches it: for Stripe's spec that never finishes.
 * Here the `$ref`s between schemas stay references. Each one is pointed into the operation's
 * `__bundled__` object (the place Prism already resolves the references of cyclic schemas from), which
 * holds every referenced schema once, converted to JSON Schema as Prism converts inline ones.
 */
export async function prismOperations(spec: string): Promise<PrismOperation[]> {
  // External files are inlined; references within the document are kept.
  const document = (await new $RefParser().bundle(spec)) as JsonObject;
  let operations: PrismOperation[];
  if (typeof document.openapi === "string") operations = transformOas3Operations(document);
  else if (typeof document.swagger === "string") operations = transformOas2Operations(document);
  else throw new Error("not an OpenAPI document: it has neither `openapi` nor `swagger`");

  const bundled: JsonObject = {};
  const converted = new Set<string>();
  const visited = new WeakSet<object>();
  const pending: unknown[] = [...operations];
  while (pending.length > 0) {
    const node = pending.pop();
    if (!isObject(node) || visited.has(node)) continue;
    visited.add(node);
    const ref = node.$ref;
    if (typeof ref === "string" && ref.startsWith("#/") && !ref.startsWith(BUNDLED_PREFIX)) {
      const path = ref.slice(2).split("/").map(decodePointerSegment);
      if (!converted.has(ref)) {
        converted.add(ref);
        const target = lookUp(document, path);
        if (!isObject(target)) throw new Error(`$ref ${ref} points at nothing in the spec`);
        const schema = convertToJsonSchema(document, target);
        // Prism's loader gives only an operation's top schemas a dialect; ajv refuses one further down.
        delete schema.$schema;
        placeAt(bundled, path, schema);
        pending.push(schema);
      }
      // http-spec's references are accessor properties; assigning one redirects it.
      node.$ref = `${BUNDLED_PREFIX}${ref.slice(2)}`;
    }
    for (const value of Object.values(node)) if (isObject(value)) pending.push(value);
  }
  for (const operation of operations) (operation as unknown as JsonObject)[BUNDLE_KEY] = bundled;
  return operations;
}

function decodePointerSegment(segment: string): string {
  return decodeURIComponent(segment).replaceAll("~1", "/").replaceAll("~0", "~");
}

function lookUp(root: JsonObject, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

function placeAt(root: JsonObject, path: readonly string[], value: JsonObject): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[path.at(-1) as string] = value;
}
