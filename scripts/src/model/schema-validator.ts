import { Ajv, type ErrorObject } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { OpenApiDocument } from "../spec/openapi-types.js";

/** Checks a value against a schema of the spec (local `$ref`s allowed); returns what is wrong in one line, or undefined. */
export type SchemaCheck = (schema: unknown, value: unknown, options?: { coerce?: boolean }) => string | undefined;

/**
 * OpenAPI 3.0 schemas as JSON Schema, as Prism reads them: `nullable: true` adds `null` to the type
 * (and enum), and 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become the numbers JSON Schema means.
 */
function asJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(asJsonSchema);
  if (typeof node !== "object" || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = asJsonSchema(value);
  readOpenApi30Keywords(copy);
  return copy;
}

/** One schema object's OpenAPI 3.0 keywords read as JSON Schema, in place (see asJsonSchema). */
export function readOpenApi30Keywords(copy: Record<string, unknown>): void {
  if (copy.nullable === true) {
    if (typeof copy.type === "string") copy.type = [copy.type, "null"];
    if (Array.isArray(copy.enum) && !copy.enum.includes(null)) copy.enum = [...copy.enum, null];
    // Without a type any value, null included, is allowed already; ajv refuses to compile the keyword alone (Twilio).
    if (copy.type === undefined) delete copy.nullable;
  }
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (copy[flag] === true && typeof copy[bound] === "number") {
      copy[flag] = copy[bound];
      delete copy[bound];
    } else if (copy[flag] === false) delete copy[flag];
  }
}

/** A schema whose local refs (`#/components/…`) point into the document registered as `spec`. */
function intoSpec(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(intoSpec);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" && value.startsWith("#") ? `spec${value}` : intoSpec(value),
    ]),
  );
}

function describe(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return "does not match its schema";
  const where = first.instancePath === "" ? "the value" : first.instancePath;
  const allowed = (first.params as { allowedValues?: unknown[] }).allowedValues;
  return `${where} ${first.message ?? "is invalid"}${allowed ? ` (${allowed.map((v) => JSON.stringify(v)).join(", ")})` : ""}`;
}

/**
 * A validator for a spec's schemas with the validator and options Prism uses (ajv, all errors,
 * union types, ajv-formats, unknown formats ignored), so an example that passes here passes Prism.
 * Bodies are checked as sent (no coercion); parameters, which travel as text, with coercion.
 */
export function createSchemaValidator(document: OpenApiDocument): SchemaCheck {
  const is31 = document.openapi.startsWith("3.1");
  const converted = asJsonSchema(document) as object;
  const make = (coerceTypes: boolean) => {
    const options = {
      strict: false,
      allErrors: true,
      allowUnionTypes: true,
      allowMatchingProperties: true,
      validateSchema: false,
      coerceTypes,
      logger: false as const,
      // Referenced schemas compile once and are shared; inlined, GitHub's are compiled again into every caller.
      inlineRefs: false,
    };
    const ajv = is31 ? new Ajv2020(options) : new Ajv(options);
    addFormats.default(ajv);
    ajv.addSchema(converted, "spec");
    return ajv;
  };
  const instances = { plain: make(false), coercing: undefined as Ajv | undefined };
  // By content: a spec repeats the same small schemas (`{ type: string }`) and refs thousands of times.
  const compiled = new Map<string, ReturnType<Ajv["compile"]>>();
  return (schema, value, { coerce = false } = {}) => {
    if (typeof schema !== "object" || schema === null) return undefined;
    if (coerce && !instances.coercing) instances.coercing = make(true);
    const ajv = (coerce ? instances.coercing : instances.plain) as Ajv;
    const key = `${coerce ? "coerce" : "plain"}:${JSON.stringify(schema)}`;
    try {
      let validate = compiled.get(key);
      if (!validate) {
        validate = ajv.compile(intoSpec(asJsonSchema(schema)) as object);
        compiled.set(key, validate);
      }
      // Coercion rewrites the value in place: check a copy.
      return validate(coerce ? structuredClone(value) : value) ? undefined : describe(validate.errors);
    } catch (error) {
      return `cannot be checked: ${(error as Error).message.split("\n")[0]}`;
    }
  };
}

const perDocument = new WeakMap<object, SchemaCheck>();

/** The document's validator, made once: the provider model, the examples and the tests all ask for it. */
export function schemaValidatorFor(document: OpenApiDocument): SchemaCheck {
  const known = perDocument.get(document);
  if (known) return known;
  const check = createSchemaValidator(document);
  perDocument.set(document, check);
  return check;
}
