import type { CredentialPlacement } from "./provider-definition.js";

/** Base64 of the text's UTF-8 bytes (`btoa` alone throws on characters beyond Latin-1). */
function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** Headers that carry the credential for header-borne schemes (bearer, basic, apiKey header/cookie). */
export function credentialHeaders(placement: CredentialPlacement, apiKey: string): Record<string, string> {
  switch (placement.in) {
    case "bearer":
      return { Authorization: `Bearer ${apiKey}` };
    case "basic":
      // The key is `user:password`, as for curl's `-u`.
      return { Authorization: `Basic ${base64(apiKey)}` };
    case "header":
      return { [placement.name]: apiKey };
    case "cookie":
      return { Cookie: `${placement.name}=${encodeURIComponent(apiKey)}` };
    default:
      return {};
  }
}

const REDACTED = "[redacted]";
/** A run this long of the key (or of one of its encodings) is treated as the key: a truncated echo. */
const MIN_FRAGMENT = 8;

/** Replaces every run of text that is the whole `form`, or at least its first or last MIN_FRAGMENT characters. */
function redactForm(text: string, form: string): string {
  if (form.length < MIN_FRAGMENT) return form === "" ? text : text.split(form).join(REDACTED);
  const spans: [number, number][] = [];
  const head = form.slice(0, MIN_FRAGMENT);
  for (let at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
    let end = at + MIN_FRAGMENT;
    while (end - at < form.length && text[end] === form[end - at]) end++;
    spans.push([at, end]);
  }
  const tail = form.slice(-MIN_FRAGMENT);
  for (let at = text.indexOf(tail); at >= 0; at = text.indexOf(tail, at + 1)) {
    let start = at;
    for (let k = form.length - MIN_FRAGMENT; k > 0 && start > 0 && text[start - 1] === form[k - 1]; k--) start--;
    spans.push([start, at + MIN_FRAGMENT]);
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let from = 0;
  for (const [start, end] of spans) {
    if (end <= from) continue;
    out += text.slice(from, Math.max(from, start)) + (start >= from ? REDACTED : "");
    from = end;
  }
  return out + text.slice(from);
}

/**
 * A function that removes the API key from text: the key itself, its URL and base64 encodings
 * (how it travels in a query or a Basic header), and truncated echoes of any of them.
 */
export function createRedactor(secret: string): (text: string) => string {
  if (secret === "") return (text) => text;
  const b64 = base64(secret);
  const b64url = b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  const forms = [...new Set([secret, encodeURIComponent(secret), b64, b64url])];
  return (text) => forms.reduce(redactForm, text);
}

/** `redact` for any JSON value (an error body that echoes the key back must not leak it). */
export function redactJson<T>(value: T, redact: (text: string) => string): T {
  if (value === undefined) return value;
  const text = JSON.stringify(value);
  const clean = text === undefined ? text : redact(text);
  if (clean === text) return value;
  try {
    return JSON.parse(clean as string) as T;
  } catch {
    return REDACTED as T;
  }
}

/** Response headers that carry credentials by their nature: dropped from errors, whatever their value. */
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"];

/** A copy of response headers safe to keep on an error: credential headers dropped, the key redacted. */
export function redactHeaders(headers: Headers, redact: (text: string) => string, keyHeader?: string): Headers {
  const safe = new Headers();
  headers.forEach((value, name) => {
    if (!CREDENTIAL_HEADERS.includes(name) && name !== keyHeader?.toLowerCase()) safe.append(name, redact(value));
  });
  return safe;
}
