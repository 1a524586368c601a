import { ReadWriteMarkers } from "../../model/read-write-markers.js";
import { readOpenApi30Keywords } from "../../model/schema-validator.js";
import { type OpenApiDocument, resolvePointer } from "../../spec/openapi-types.js";

/**
 * Spec schemas as self-contained JSON Schema (2020-12) for MCP tool lists: what a `$ref` reaches is
 * copied under `$defs` (each tool's schema stands alone), OpenAPI 3.0's `nullable` and boolean
 * `exclusiveMinimum`/`exclusiveMaximum` are read as Prism reads them, boolean schemas become objects
 * (MCP clients expect an object per property), and what only documents (`example`, `xml`,
 * `externalDocs`, `x-…`) is left out to keep the tool list small. Values (`enum`, `const`, `default`,
 * `examples`) are copied untouched.
 *
 * Each schema is read in one direction, as the client's types read it: a tool's input leaves out
 * `readOnly` properties (an agent must not be asked for a server-assigned `id`), its output leaves out
 * `writeOnly` ones. A definition that reaches such a property gets a second, input-side entry
 * (`Pet.input`); every other definition is shared by both directions.
 */

/** Which side of the exchange a schema describes. */
export type SchemaDirection = "input" | "output";

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set([
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "additionalItems",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"]);
/** Keywords that only document, or that would point outside the tool's schema. */
const DROPPED = new Set(["example", "xml", "externalDocs", "$schema", "$id", "discriminator"]);

const COMPONENT_SCHEMA = "#/components/schemas/";

function unescapePointer(token: string): string {
  return token.replaceAll("~1", "/").replaceAll("~0", "~");
}

function escapePointer(token: string): string {
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a property belongs on this side: the flag on the property itself (beside a `$ref` too), as openapi-typescript reads it. */
export function belongsTo(property: unknown, direction: SchemaDirection): boolean {
  if (!isRecord(property)) return true;
  return direction === "input" ? property.readOnly !== true : property.writeOnly !== true;
}

/**
 * Converts the schemas of one provider's tools, collecting what their `$ref`s reach once: the
 * generated table holds each definition once and each tool the names it needs (`reached`); the
 * runtime puts those under the tool's `$defs` when it lists it.
 */
export class ToolSchemaConverter {
  /** `$defs` key → converted schema, in the order first reached. */
  private readonly defs = new Map<string, unknown>();
  private readonly markers: ReadWriteMarkers;

  constructor(private readonly document: OpenApiDocument) {
    this.markers = new ReadWriteMarkers(document);
  }

  /** `#/components/schemas/Pet` → `Pet`; any other local pointer keeps its path (`paths/~1x/…`). */
  private defName(ref: string): string {
    return ref.startsWith(COMPONENT_SCHEMA)
      ? unescapePointer(ref.slice(COMPONENT_SCHEMA.length))
      : ref.slice(2).split("/").map(unescapePointer).join(".");
  }

  private reference(ref: string, direction: SchemaDirection): string {
    if (!ref.startsWith("#/")) throw new Error(`external $ref ${JSON.stringify(ref)} is not supported`);
    const inputSide = direction === "input" && this.markers.reaches({ $ref: ref });
    const name = `${this.defName(ref)}${inputSide ? ".input" : ""}`;
    if (!this.defs.has(name)) {
      this.defs.set(name, {}); // placeholder first: a schema that refers to itself ends here
      const target = resolvePointer(this.document, ref);
      if (target === undefined) throw new Error(`$ref ${JSON.stringify(ref)} points to nothing`);
      this.defs.set(name, this.schema(target, direction));
    }
    return `#/$defs/${escapePointer(name)}`;
  }

  /** One schema, converted for one direction. */
  schema(node: unknown, direction: SchemaDirection): Record<string, unknown> {
    if (node === true || node === undefined) return {};
    if (node === false) return { not: {} };
    if (!isRecord(node)) return {};
    const out: Record<string, unknown> = {};
    const convert = (schema: unknown) => this.schema(schema, direction);
    for (const [key, value] of Object.entries(node)) {
      if (DROPPED.has(key) || key.startsWith("x-")) continue;
      if (key === "$ref" && typeof value === "string") out.$ref = this.reference(value, direction);
      else if (SCHEMA_KEYWORDS.has(key) && (isRecord(value) || typeof value === "boolean")) {
        // `additionalProperties: false` and friends stay booleans: that is their meaning, not a schema slot.
        out[key] = typeof value === "boolean" ? value : convert(value);
      } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) out[key] = value.map(convert);
      else if (key === "items" && Array.isArray(value)) out.prefixItems = value.map(convert);
      else if (key === "properties" && isRecord(value)) {
        const kept = Object.entries(value).filter(([, schema]) => belongsTo(schema, direction));
        out.properties = Object.fromEntries(kept.map(([name, schema]) => [name, convert(schema)]));
      } else if (SCHEMA_MAP_KEYWORDS.has(key) && isRecord(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, convert(schema)]));
      } else out[key] = value;
    }
    if (Array.isArray(out.required) && isRecord(node.properties)) {
      const properties = node.properties;
      out.required = out.required.filter((name) => belongsTo(properties[name], direction));
      if ((out.required as unknown[]).length === 0) delete out.required;
    }
    readOpenApi30Keywords(out);
    // Not JSON Schema: `nullable` once read, a bound-less `exclusiveMinimum: true`.
    delete out.nullable;
    if (typeof out.exclusiveMinimum === "boolean") delete out.exclusiveMinimum;
    if (typeof out.exclusiveMaximum === "boolean") delete out.exclusiveMaximum;
    return out;
  }

  /** Every definition reached so far, by `$defs` name. */
  definitions(): Record<string, unknown> {
    return Object.fromEntries(this.defs);
  }

  /** The `$defs` names a converted schema needs, directly or through other definitions, in the order first met. */
  reached(root: unknown): string[] {
    const found = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) for (const item of node) visit(item);
      if (!isRecord(node)) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#/$defs/")) {
          const name = unescapePointer(value.slice("#/$defs/".length));
          if (!found.has(name) && this.defs.has(name)) {
            found.add(name);
            visit(this.defs.get(name));
          }
        } else visit(value);
      }
    };
    visit(root);
    return [...found];
  }

  /** Follows `$ref`s from a spec schema to the schema they name (for deciding its shape). */
  resolved(node: unknown): unknown {
    let current = node;
    const seen = new Set<string>();
    while (isRecord(current) && typeof current.$ref === "string" && !seen.has(current.$ref)) {
      seen.add(current.$ref);
      current = resolvePointer(this.document, current.$ref);
    }
    return current;
  }
}
