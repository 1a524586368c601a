import type { OperationDefinition } from "./provider-definition.js";
import { isJsonMediaType } from "./vocabulary.js";

export interface EncodedBody {
  body: unknown;
  headers?: Record<string, string>;
  bodySerializer?: (body: unknown) => unknown;
}

function toFormData(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (item instanceof Blob) form.append(name, item);
      else form.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  return form;
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
    const fields = new URLSearchParams(toFormData(body as Record<string, unknown>) as never);
    return { body: fields, headers: { "Content-Type": mediaType }, bodySerializer: (raw) => raw };
  }
  if (mediaType.startsWith("multipart/form-data")) {
    // fetch sets the multipart boundary itself; no Content-Type header here.
    return { body: body instanceof FormData ? body : toFormData(body as Record<string, unknown>) };
  }
  return { body, headers: { "Content-Type": mediaType }, bodySerializer: (raw) => raw };
}
