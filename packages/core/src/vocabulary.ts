/**
 * What the request path, the response path and the generator must agree on. The generator imports
 * this file (scripts/src/shared/runtime-vocabulary.ts), so it holds no imports of its own.
 */

/** Methods whose repetition is harmless (RFC 9110 §9.2.2), spelled as `fetch` sends them. */
export const RETRY_SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/** An object literal, or one without a prototype (`Object.create(null)`, `querystring.parse`): plain data. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** `application/json`, `application/problem+json`, `application/json; charset=utf-8`…: a body to read as JSON. */
export function isJsonMediaType(mediaType: string | null | undefined): boolean {
  return /\bjson\b/i.test(mediaType ?? "");
}
