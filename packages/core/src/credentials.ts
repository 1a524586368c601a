import type { CredentialPlacement } from "./provider-definition.js";

/** Headers that carry the credential for header-borne schemes (bearer, basic, apiKey header/cookie). */
export function credentialHeaders(placement: CredentialPlacement, apiKey: string): Record<string, string> {
  switch (placement.in) {
    case "bearer":
      return { Authorization: `Bearer ${apiKey}` };
    case "basic":
      // The key is `user:password`, as for curl's `-u`.
      return { Authorization: `Basic ${btoa(apiKey)}` };
    case "header":
      return { [placement.name]: apiKey };
    case "cookie":
      return { Cookie: `${placement.name}=${encodeURIComponent(apiKey)}` };
    default:
      return {};
  }
}

const REDACTED = "[redacted]";

/** Replaces every occurrence of a secret in text (messages, URLs, logged bodies). */
export function redact(text: string, secret: string): string {
  return secret.length > 0 && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/** `redact` for any JSON value (an error body that echoes the key back must not leak it). */
export function redactJson<T>(value: T, secret: string): T {
  if (value === undefined || secret.length === 0) return value;
  const text = JSON.stringify(value);
  return text?.includes(secret) ? (JSON.parse(redact(text, secret)) as T) : value;
}
