import type { OperationDefinition } from "./provider-definition.js";
import { isJsonMediaType, isPlainObject } from "./vocabulary.js";

export interface EncodedBody {
  body: unknown;
  headers?: Record<string, string>;
  bodySerializer?: (body: unknown) => unknown;
}

/** What a form is built into: `FormData` (multipart) or `URLSearchParams` (urlencoded). */
type FormFields = { append(name: string, value: string | Blob): void };

/** A field as OpenAPI's default form encoding sends it: an array as the field repeated, an object as JSON. */
function appendField(fields: FormFields, name: string, value: unknown): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === undefined || item === null) continue;
    if (item instanceof Blob) fields.append(name, item);
    else fields.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
  }
}

/** A field the spec encodes as `deepObject`: each value in brackets, `address[country]=US`, `items[0][price]=p` (Stripe). */
export function appendDeepObject(fields: FormFields, name: string, value: unknown): void {
  if (Array.isArray(value) || isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) appendDeepObject(fields, `${name}[${key}]`, item);
  } else appendField(fields, name, value);
}

/** Every field of a form or multipart body; those the spec encodes as `deepObject` (`formDeepObjects`) in brackets. */
function appendFields<Fields extends FormFields>(
  fields: Fields,
  operation: OperationDefinition,
  body: unknown,
): Fields {
  const deep = operation.formDeepObjects ?? [];
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    (deep.includes(name) ? appendDeepObject : appendField)(fields, name, value);
  }
  return fields;
}

/**
 * Encodes a named method's body for its media type. JSON is openapi-fetch's default; forms and
 * multipart are built here so callers pass plain objects (and Blobs for files) whatever the encoding.
 */
export function encodeBody(operation: OperationDefinition, body: unknown): EncodedBody {
  const mediaType = operation.bodyMediaType ?? "application/json";
  if (body === undefined || isJsonMediaType(mediaType)) return { body };
  if (mediaType === "application/x-www-form-urlencoded") {
    // An array is the field repeated (`a=1&a=2`, OpenAPI's default for forms: Twilio's `Permission`);
    // openapi-fetch's own serializer would join it with commas.
    const fields = appendFields(new URLSearchParams(), operation, body);
    return { body: fields, headers: { "Content-Type": mediaType }, bodySerializer: (raw) => raw };
  }
  if (mediaType.startsWith("multipart/form-data")) {
    // fetch sets the multipart boundary itself; no Content-Type header here.
    return { body: body instanceof FormData ? body : appendFields(new FormData(), operation, body) };
  }
  return { body, headers: { "Content-Type": mediaType }, bodySerializer: (raw) => raw };
}
