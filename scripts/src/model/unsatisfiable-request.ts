import {
  type MediaTypeObject,
  type OpenApiDocument,
  type ParameterObject,
  resolveLocal,
  type SchemaObject,
} from "../spec/openapi-types.js";
import type { SchemaCheck } from "./schema-validator.js";

/**
 * Where a spec allows no valid request at all, or undefined: a value the request must carry (a
 * required parameter, the body, a required property of either, any `allOf` part of one) has an
 * `enum` whose every value its own schema refuses. SendGrid's `send_at` is `enum: ["now"]` with
 * `format: date-time`; Prism rightly refuses each request, so no contract test could pass. Only this
 * provable case counts: an example our generator failed to find is not a reason to skip.
 */
export function unsatisfiableRequest(
  document: OpenApiDocument,
  operation: { parameters: ParameterObject[]; requestBodyMedia?: MediaTypeObject | undefined },
  check: SchemaCheck,
): string | undefined {
  for (const parameter of operation.parameters) {
    if (!parameter.required && parameter.in !== "path") continue;
    const found = refusedEnum(document, parameter.schema, check, `${parameter.in} parameter ${parameter.name}`);
    if (found) return found;
  }
  const body = operation.requestBodyMedia?.schema;
  return body === undefined ? undefined : refusedEnum(document, body, check, "the body");
}

function refusedEnum(
  document: OpenApiDocument,
  reference: unknown,
  check: SchemaCheck,
  where: string,
  seen = new Set<object>(),
): string | undefined {
  if (typeof reference !== "object" || reference === null) return undefined;
  const schema = resolveLocal<SchemaObject>(document, reference as SchemaObject);
  if (seen.has(schema)) return undefined;
  seen.add(schema);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const refusals = schema.enum.map((value) => check(schema, value));
    // "cannot be checked" is our validator failing, not the spec contradicting itself.
    if (refusals.every((refusal) => refusal !== undefined && !refusal.startsWith("cannot be checked"))) {
      return `the spec allows no valid request: ${where} must be one of ${JSON.stringify(schema.enum)}, which its own schema refuses (${refusals[0]})`;
    }
  }
  for (const part of schema.allOf ?? []) {
    const found = refusedEnum(document, part, check, where, seen);
    if (found) return found;
  }
  for (const field of schema.required ?? []) {
    const found = refusedEnum(document, schema.properties?.[field], check, `${where}'s ${field}`, seen);
    if (found) return found;
  }
  return undefined;
}
