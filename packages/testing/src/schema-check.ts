import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { JsonSchema } from "./schema-arbitrary.js";

/**
 * What is wrong with a value, one line per problem; empty when it is valid. `asText`: checked as Prism
 * checks a parameter, which arrives as text: every scalar in it made a string, then coerced to the
 * schema's types (`"0"` matches both branches of `oneOf: [integer, string]`, so no number passes it).
 */
export type SchemaCheck = (schema: JsonSchema, value: unknown, options?: { asText?: boolean }) => string[];

/** A parameter's value as the server reads it off the wire: every scalar as text. */
function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asText(item)]));
  }
  return value === undefined || value === null ? value : String(value);
}

/**
 * ajv's options as Prism sets them for validating requests and responses (the same set as
 * scripts/src/model/schema-validator.ts, which packages cannot import: scripts depends on this package).
 */
const PRISM_AJV_OPTIONS = {
  strict: false,
  allErrors: true,
  allowUnionTypes: true,
  allowMatchingProperties: true,
  validateSchema: false,
  logger: false as const,
  inlineRefs: false,
};

/**
 * OpenAPI 3.0 keywords read as JSON Schema, as Prism translates them: `nullable: true` adds `null` to
 * the type (and the enum); a boolean `exclusiveMinimum`/`exclusiveMaximum` makes its bound exclusive.
 */
function nullableAsType(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAsType);
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = nullableAsType(value);
  if (out.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    // Without a type any value, null included, is allowed already; ajv refuses to compile the keyword alone (Twilio).
    if (out.type === undefined) delete out.nullable;
  }
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[exclusive] !== "boolean") continue;
    if (out[exclusive] === true && typeof out[bound] === "number") {
      out[exclusive] = out[bound];
      delete out[bound];
    } else delete out[exclusive];
  }
  return out;
}

/** Local refs (`#/components/…`) re-pointed into the document registered under `id`. */
function pointInto(node: unknown, id: string): unknown {
  if (Array.isArray(node)) return node.map((item) => pointInto(item, id));
  if (typeof node !== "object" || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#") ? `${id}${value}` : pointInto(value, id);
  }
  return out;
}

const lines = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((error) => `${error.instancePath || "(value)"} ${error.message ?? "is invalid"}`);

/**
 * A checker for the schemas of one OpenAPI document, validating as Prism does: ajv (draft 2020-12 for
 * 3.1 documents, draft 7 for 3.0, with `nullable` as a type), ajv-formats, unknown formats ignored.
 * Values are checked as they are, never coerced.
 */
export function createSchemaCheck(document: { openapi?: unknown }): SchemaCheck {
  const is31 = typeof document.openapi === "string" && document.openapi.startsWith("3.1");
  const make = (unicodeRegExp: boolean, coerceTypes = false) => {
    const options = { ...PRISM_AJV_OPTIONS, unicodeRegExp, coerceTypes };
    const ajv = is31 ? new Ajv2020(options) : new Ajv(options);
    addFormats.default(ajv);
    ajv.addSchema(nullableAsType(document) as object, "spec");
    return ajv;
  };
  const instances = new Map<string, Ajv>();
  const instance = (unicodeRegExp: boolean, coerceTypes: boolean) => {
    const key = `${unicodeRegExp}/${coerceTypes}`;
    const ajv = instances.get(key) ?? make(unicodeRegExp, coerceTypes);
    instances.set(key, ajv);
    return ajv;
  };
  const compiled = new Map<string, ValidateFunction>();
  return (schema, value, options) => {
    if (schema === true) return [];
    if (schema === false) return ["(value) is not allowed by the schema false"];
    const text = options?.asText === true;
    const key = `${text}:${JSON.stringify(schema)}`;
    let validate = compiled.get(key);
    if (!validate) {
      const pointed = pointInto(nullableAsType(schema), "spec") as object;
      // Coerced as Prism does: the parameter is a property of the object checked, which ajv can coerce in place.
      const target = text ? { type: "object", properties: { value: pointed } } : pointed;
      try {
        validate = instance(true, text).compile(target);
      } catch (error) {
        // A `pattern` that is no regular expression under the `u` flag ajv adds (SendGrid's `[\-\_]`):
        // Prism's compile fails too, and it then checks nothing there. Read without the flag, as
        // `new RegExp` reads it, the rest of the schema is still checked.
        if (!(error instanceof SyntaxError)) throw error;
        validate = instance(false, text).compile(target);
      }
      compiled.set(key, validate);
    }
    // Generated objects may have no prototype; ajv's `uniqueItems` compares with fast-deep-equal, which calls
    // `valueOf()` on them (SendGrid's `reply_to_list`). A clone is an ordinary object, as the JSON sent is.
    const checked = text
      ? { value: asText(value) }
      : typeof value === "object" && value !== null
        ? structuredClone(value)
        : value;
    return validate(checked) ? [] : lines(validate.errors);
  };
}
