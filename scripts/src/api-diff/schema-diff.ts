import { isDeepStrictEqual } from "node:util";
import type { OpenApiDocument } from "../spec/openapi-types.js";
import type { Bump } from "./api-change.js";
import { covers, describeKinds, type Schema, type SchemaShape, schemaShape } from "./schema-shape.js";

/**
 * Who writes the values a schema describes: the caller (`request`: parameters and request bodies),
 * the server (`response`), or either (`both`: a component type no operation uses, judged both ways).
 */
export type Direction = "request" | "response" | "both";

export interface SchemaChange {
  bump: Bump;
  text: string;
  /** Set for documentation-only changes: where, so they can be listed together. */
  docsAt?: string;
}

export interface SchemaDiffContext {
  direction: Direction;
  /** How the schema itself is named in messages, e.g. "request body", "query parameter `teamId`". */
  root: string;
  /** How its fields are named, e.g. "body field" → "new optional body field `force`". */
  noun: string;
  /** A top-level field whose requiredness does not reach callers (the credential the client injects). */
  injectedField?: string | undefined;
}

/** Keywords that only document; a change to them is a patch. */
const DOC_KEYWORDS = new Set(["title", "description", "example", "examples", "externalDocs", "$comment", "xml"]);
/**
 * Validation keywords: the generated TypeScript types do not carry them and the client does not
 * check them, so a change is a patch (the server's validation changed, not the package's API).
 */
const CONSTRAINT_KEYWORDS = new Set([
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "readOnly",
  "writeOnly",
  "contentEncoding",
  "contentMediaType",
]);
/** Keywords folded into the shape (kinds, properties, items) and compared through it. */
const SHAPE_KEYWORDS = new Set([
  "$ref",
  "type",
  "enum",
  "const",
  "nullable",
  "properties",
  "required",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "default",
  "deprecated",
  "$schema",
  "$id",
]);

const MAX_DEPTH = 64;

/** openapi-typescript emits no index signature for an absent or `false` `additionalProperties`. */
function normalized(key: string, value: unknown): unknown {
  return key === "additionalProperties" && value === false ? undefined : value;
}

function bumpFor(direction: Direction, request: Bump, response: Bump): Bump {
  if (direction === "request") return request;
  if (direction === "response") return response;
  return request === "major" || response === "major"
    ? "major"
    : request === "minor" || response === "minor"
      ? "minor"
      : "patch";
}

function show(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

class SchemaDiff {
  readonly changes: SchemaChange[] = [];
  private readonly comparedRefs = new Set<string>();

  constructor(
    private readonly before: OpenApiDocument,
    private readonly after: OpenApiDocument,
    private readonly context: SchemaDiffContext,
  ) {}

  private where(path: string): string {
    return path === "" ? this.context.root : `${this.context.noun} \`${path}\``;
  }

  private add(request: Bump, response: Bump, text: string): void {
    this.changes.push({ bump: bumpFor(this.context.direction, request, response), text });
  }

  compare(beforeValue: unknown, afterValue: unknown, path: string, depth: number): void {
    if (depth > MAX_DEPTH) return;
    const before = schemaShape(this.before, beforeValue);
    const after = schemaShape(this.after, afterValue);
    if (before.ref || after.ref) {
      // Each pair of named schemas is compared once: stops at cycles, and lists a shared change once.
      const key = `${before.ref ?? ""} ${after.ref ?? ""}`;
      if (this.comparedRefs.has(key)) return;
      this.comparedRefs.add(key);
    }
    this.compareKinds(before, after, path);
    this.compareKeywords(before.schema, after.schema, path);
    // Fields and items are compared only where both sides are objects (arrays): a type change
    // already says everything about a field that stopped being an object.
    const both = (kind: string) => covers(before.kinds, kind) && covers(after.kinds, kind);
    if (both("object") && (before.properties.size > 0 || after.properties.size > 0)) {
      this.compareProperties(before, after, path, depth);
    }
    if (both("array") && before.items !== undefined && after.items !== undefined) {
      this.compare(before.items, after.items, `${path}[]`, depth + 1);
    }
  }

  private compareKinds(before: SchemaShape, after: SchemaShape, path: string): void {
    const removed = [...before.kinds].filter((kind) => !covers(after.kinds, kind));
    const added = [...after.kinds].filter((kind) => !covers(before.kinds, kind));
    if (removed.length === 0 && added.length === 0) return;
    const where = this.where(path);
    const literals = (kinds: string[]) => kinds.length > 0 && kinds.every((kind) => kind.startsWith("="));
    const onlyNull = (kinds: string[]) => kinds.length === 1 && kinds[0] === "null";
    // Requests: accepting more is additive, accepting less breaks callers that send the rest.
    // Responses: any new value breaks code that handles every documented value (exhaustive switch,
    // Record<Enum, …>); a value that disappears breaks code comparing against it (TS2367). Only a
    // response that is no longer null is safe: comparisons with null always compile.
    if (added.length === 0) {
      const text = onlyNull(removed)
        ? `${where} is no longer nullable`
        : literals(removed)
          ? `${where}: enum value${removed.length > 1 ? "s" : ""} ${describeKinds(removed)} removed`
          : `${where}: type narrowed from \`${describeKinds(before.kinds)}\` to \`${describeKinds(after.kinds)}\``;
      this.add("major", onlyNull(removed) ? "minor" : "major", text);
    } else if (removed.length === 0) {
      const text = onlyNull(added)
        ? `${where} is now nullable`
        : literals(added)
          ? `${where}: enum value${added.length > 1 ? "s" : ""} ${describeKinds(added)} added`
          : `${where}: type widened from \`${describeKinds(before.kinds)}\` to \`${describeKinds(after.kinds)}\``;
      this.add("minor", "major", text);
    } else {
      this.add(
        "major",
        "major",
        `${where}: type changed from \`${describeKinds(before.kinds)}\` to \`${describeKinds(after.kinds)}\``,
      );
    }
  }

  private compareKeywords(before: Schema, after: Schema, path: string): void {
    const where = this.where(path);
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const differs = (key: string) => !isDeepStrictEqual(normalized(key, before[key]), normalized(key, after[key]));
    if (keys.some((key) => (DOC_KEYWORDS.has(key) || key.startsWith("x-")) && differs(key))) {
      this.changes.push({ bump: "patch", text: `documentation of ${where} changed`, docsAt: where });
    }
    const constraints = keys.filter((key) => CONSTRAINT_KEYWORDS.has(key) && differs(key));
    if (constraints.length > 0) {
      this.changes.push({ bump: "patch", text: `${where}: validation changed (${constraints.join(", ")})` });
    }
    if (differs("default")) {
      // A request default is what the server does when the caller leaves the field out: changing or
      // dropping it changes what existing calls do.
      if (before.default === undefined) {
        this.add("patch", "patch", `${where}: default ${show(after.default)} documented`);
      } else if (after.default === undefined) {
        this.add("major", "patch", `${where}: default ${show(before.default)} removed`);
      } else {
        this.add("major", "patch", `${where}: default changed from ${show(before.default)} to ${show(after.default)}`);
      }
    }
    if (differs("deprecated")) {
      if (after.deprecated === true) this.add("minor", "minor", `${where} is now deprecated`);
      else this.changes.push({ bump: "patch", text: `${where} is no longer deprecated`, docsAt: where });
    }
    const unclassified = keys.filter(
      (key) =>
        !DOC_KEYWORDS.has(key) &&
        !CONSTRAINT_KEYWORDS.has(key) &&
        !SHAPE_KEYWORDS.has(key) &&
        !key.startsWith("x-") &&
        differs(key),
    );
    for (const key of unclassified) {
      this.add("major", "major", `${where}: \`${key}\` changed (not classified; treated as breaking, check by hand)`);
    }
  }

  private compareProperties(before: SchemaShape, after: SchemaShape, path: string, depth: number): void {
    const names = [...new Set([...before.properties.keys(), ...after.properties.keys()])];
    const injected = (name: string) => path === "" && name === this.context.injectedField;
    for (const name of names) {
      const fieldPath = path === "" ? name : `${path}.${name}`;
      const field = `${this.context.noun} \`${fieldPath}\``;
      const wasRequired = before.required.has(name) && !injected(name);
      const isRequired = after.required.has(name) && !injected(name);
      if (!after.properties.has(name)) {
        // Requests too: an object literal with a property the type no longer has fails to compile
        // (excess property check), and the server no longer reads it.
        this.add("major", "major", `removed ${field}`);
      } else if (!before.properties.has(name)) {
        if (isRequired) this.add("major", "minor", `new required ${field}`);
        else this.add("minor", "minor", `new optional ${field}`);
      } else {
        if (!wasRequired && isRequired) this.add("major", "minor", `${field} is now required`);
        if (wasRequired && !isRequired) this.add("minor", "major", `${field} is now optional`);
        this.compare(before.properties.get(name), after.properties.get(name), fieldPath, depth + 1);
      }
    }
  }
}

/** Compares two schemas (or `$ref`s), each resolved in its own document. */
export function diffSchemas(
  before: { document: OpenApiDocument; schema: unknown },
  after: { document: OpenApiDocument; schema: unknown },
  context: SchemaDiffContext,
): SchemaChange[] {
  const diff = new SchemaDiff(before.document, after.document, context);
  diff.compare(before.schema, after.schema, "", 0);
  return diff.changes;
}
