import { type OpenApiDocument, type ParameterObject, resolveLocal, type SchemaObject } from "../lib/openapi-types.js";

/** A plausible value for a schema, for README examples: example, default, first enum, by type. */
export function exampleValue(document: OpenApiDocument, schemaOrRef: unknown, name = "value"): unknown {
  if (schemaOrRef === undefined) return `my-${name}`;
  const schema = resolveLocal<SchemaObject>(document, schemaOrRef as SchemaObject);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const variants = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (variants?.length) return exampleValue(document, variants[0], name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "array":
      return [exampleValue(document, schema.items, name)];
    case "object":
      return Object.fromEntries(
        (schema.required ?? []).map((key) => [key, exampleValue(document, schema.properties?.[key], key)]),
      );
    default:
      return `my-${name.replace(/_/g, "-")}`;
  }
}

export function parameterExample(document: OpenApiDocument, parameter: ParameterObject): unknown {
  return parameter.example ?? exampleValue(document, parameter.schema, parameter.name);
}
