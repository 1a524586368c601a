import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** Lenient as Prism is (unknown keywords and formats ignored); every problem reported, values never coerced. */
const ajv = new Ajv2020({
  strict: false,
  allErrors: true,
  allowUnionTypes: true,
  validateSchema: false,
  logger: false,
});
addFormats.default(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

/** `/body/items/0` → `body.items[0]`: how a user names a field. */
function fieldName(pointer: string, child?: string): string {
  const segments = pointer.split("/").slice(1);
  if (child !== undefined) segments.push(child);
  return segments
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce(
      (name, segment) => (/^\d+$/.test(segment) ? `${name}[${segment}]` : name ? `${name}.${segment}` : segment),
      "",
    );
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required")
    return `${fieldName(error.instancePath, String(params.missingProperty))} is required`;
  if (error.keyword === "additionalProperties") {
    return `${fieldName(error.instancePath, String(params.additionalProperty))} is not a known field`;
  }
  const where = fieldName(error.instancePath) || "the arguments";
  const allowed = Array.isArray(params.allowedValues)
    ? `: ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`
    : "";
  return `${where} ${error.message ?? "is invalid"}${allowed}`;
}

/** What is wrong with `value` against `schema`, one line per problem naming the field; empty when valid. */
export function schemaProblems(schema: object, value: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return [...new Set((validate.errors ?? []).map(describe))];
}
