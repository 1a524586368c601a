import { isReference, type OpenApiDocument, resolveLocal } from "../spec/openapi-types.js";

/**
 * `readOnly` / `writeOnly` properties. openapi-typescript marks them (`$Read<T>`, `$Write<T>`) when
 * asked, and openapi-fetch's raw types strip them on the side where they do not belong (a
 * read-only `id` is not in a request body). Named methods wrap what reaches a marked property in
 * `Writable<…>` / `Readable<…>` for the same effect; what does not reach one is left as it is.
 */
export class ReadWriteMarkers {
  /** Whether the spec marks anything: then openapi-typescript emits the markers. */
  readonly enabled: boolean;
  private readonly memo = new Map<unknown, boolean>();

  constructor(private readonly document: OpenApiDocument) {
    this.enabled = hasMarker(document);
  }

  /** Whether a schema (following refs, through properties, items and compositions) reaches a marked property. */
  reaches(schemaOrRef: unknown): boolean {
    if (!this.enabled || typeof schemaOrRef !== "object" || schemaOrRef === null) return false;
    const key = isReference(schemaOrRef) ? schemaOrRef.$ref : schemaOrRef;
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    this.memo.set(key, false); // a cycle adds nothing new
    const schema = resolveLocal<Record<string, unknown>>(this.document, schemaOrRef as Record<string, unknown>);
    const children = [
      ...Object.values((schema.properties as Record<string, unknown> | undefined) ?? {}),
      schema.items,
      schema.additionalProperties,
      ...(["allOf", "oneOf", "anyOf"] as const).flatMap((keyword) => (schema[keyword] as unknown[] | undefined) ?? []),
    ];
    const reaches =
      Object.values((schema.properties as Record<string, Record<string, unknown>> | undefined) ?? {}).some(
        // As openapi-typescript decides: the flag on the property itself (beside a $ref too).
        (property) => property.readOnly === true || property.writeOnly === true,
      ) || children.some((child) => this.reaches(child));
    this.memo.set(key, reaches);
    return reaches;
  }
}

/** Whether any object in the document says `readOnly: true` or `writeOnly: true`. */
function hasMarker(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  const record = node as Record<string, unknown>;
  if (record.readOnly === true || record.writeOnly === true) return true;
  for (const key in record) if (hasMarker(record[key])) return true;
  return false;
}
