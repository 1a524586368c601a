/** Checks on values that the request and the response paths share. */

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
