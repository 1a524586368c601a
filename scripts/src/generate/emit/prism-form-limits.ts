import type { OperationModel } from "../../model/provider-model.js";
import { isReference, type ReferenceObject, type SchemaObject } from "../../spec/openapi-types.js";
import { formDeepObjects, isFormMediaType } from "./provider-metadata.js";

/**
 * Why Prism would refuse the contract tests' example form body although it is valid, or undefined.
 *
 * Prism reads a form or multipart body's `deepObject` fields by building, from the schema alone, an object for
 * every inline `type: object` node and an array for every `type: array` node, sent or not; a `$ref` or a
 * schema without that `type` is read as the value sent. So a field left out, or a nested object left
 * out of one sent, becomes an object that lacks the properties its schema requires, and is refused
 * (Stripe's optional `payment_method_data`, which requires `type`). An array of objects is read only as
 * JSON text. And a urlencoded body that encodes to no field at all is read as no body. Checked against
 * Prism's findings for all 208 urlencoded POSTs of Stripe's spec (the same fields, none more, none
 * fewer), and on its multipart `POST /v1/files`.
 */
export function prismFormRefusal(operation: OperationModel, body: unknown): string | undefined {
  if (!isFormMediaType(operation.bodyMediaType) || !isFields(body)) return undefined;
  const deepFields = formDeepObjects(operation) ?? [];
  const urlencoded = operation.bodyMediaType === "application/x-www-form-urlencoded";
  if (urlencoded && !Object.entries(body).some(([name, value]) => sendsSomething(value, deepFields.includes(name)))) {
    // Prism validates no body at all then: refused only if the spec requires one.
    return operation.bodyRequired
      ? "the example form body encodes to no field (its required fields are empty objects), and Prism reads an empty body as none"
      : undefined;
  }
  const schema = operation.requestBodyMedia?.schema;
  if (schema === undefined || isReference(schema)) return undefined;
  const refused = deepFields.flatMap((name) => {
    const field = schema.properties?.[name];
    if (field === undefined) return [];
    if (isArrayOfObjects(field) && Array.isArray(body[name]) && body[name].length > 0) {
      return [`${name} (an array of objects, which Prism reads only as JSON text)`];
    }
    return missingRequired(field, body[name], name);
  });
  if (refused.length === 0) return undefined;
  return `Prism builds the deepObject form fields left out as empty objects and refuses them for the properties their schemas require (${refused.join(", ")}): a Prism limitation`;
}

function isFields(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a field adds at least one `name=value` pair to the form (core's encodeBody). */
function sendsSomething(value: unknown, deep: boolean): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.some((item) => sendsSomething(item, deep));
  if (deep && isFields(value)) return Object.values(value).some((item) => sendsSomething(item, true));
  return true;
}

/** The schema node Prism builds a value for: inline, with `type` exactly `object` or `array`. */
function builtType(schema: SchemaObject | ReferenceObject | undefined): "object" | "array" | undefined {
  if (schema === undefined || isReference(schema)) return undefined;
  return schema.type === "object" || schema.type === "array" ? schema.type : undefined;
}

function isArrayOfObjects(schema: SchemaObject | ReferenceObject): boolean {
  return builtType(schema) === "array" && builtType((schema as SchemaObject).items as SchemaObject) === "object";
}

/** The bracketed names of the required properties Prism finds missing in the object it builds for `schema`. */
function missingRequired(schema: SchemaObject | ReferenceObject, value: unknown, at: string): string[] {
  const type = builtType(schema);
  const node = schema as SchemaObject;
  if (type === "array") return value === undefined && Number(node.minItems ?? 0) > 0 ? [at] : [];
  if (type !== "object") return [];
  const sent = isFields(value) ? value : {};
  const properties = node.properties ?? {};
  const missing = (node.required ?? [])
    .filter((name) => builtType(properties[name]) === undefined && sent[name] === undefined)
    .map((name) => `${at}[${name}]`);
  const nested = Object.entries(properties).flatMap(([name, property]) =>
    missingRequired(property, sent[name], `${at}[${name}]`),
  );
  return [...missing, ...nested];
}
