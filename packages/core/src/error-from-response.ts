import { redactHeaders, redactJson } from "./credentials.js";
import { type ApiError, createApiError, type FieldProblem } from "./errors.js";
import type { ErrorEnvelopeDefinition, ProviderDefinition } from "./provider-definition.js";

const MAX_MESSAGE_DETAIL = 300;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when a decoded body is the provider's in-band error signal (ModelsLab `status: "error"`). */
export function isErrorEnvelope(body: unknown, envelope: ErrorEnvelopeDefinition | undefined): boolean {
  return envelope !== undefined && isRecord(body) && body[envelope.field] === envelope.value;
}

/**
 * Field problems in the two shapes seen in the wild: the documented `{ errors: [{ param, details }] }`
 * and FastAPI's `{ detail: [{ loc, msg }] }`.
 */
export function normaliseFieldProblems(body: unknown): FieldProblem[] {
  if (!isRecord(body)) return [];
  const problems: FieldProblem[] = [];
  if (Array.isArray(body.errors)) {
    for (const item of body.errors) {
      if (isRecord(item)) problems.push({ field: String(item.param ?? ""), message: String(item.details ?? "") });
    }
  }
  if (Array.isArray(body.detail)) {
    for (const item of body.detail) {
      if (isRecord(item)) {
        const field = Array.isArray(item.loc) ? item.loc.join(".") : String(item.loc ?? "");
        problems.push({ field, message: String(item.msg ?? "") });
      }
    }
  }
  return problems;
}

function messageFromBody(
  body: unknown,
  messageFields: readonly string[],
  problems: FieldProblem[],
): string | undefined {
  if (problems.length > 0) return problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join("; ");
  if (typeof body === "string") return body.trim() === "" ? undefined : body;
  if (!isRecord(body)) return undefined;
  for (const field of [...messageFields, "message", "error", "detail"]) {
    const value = body[field];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

export interface ErrorContext {
  provider: ProviderDefinition;
  method: string;
  /** Its `url` is the request's when `fetch` gave none (the transport fills it in); redacted here. */
  response: Response;
  /** Decoded JSON, or the raw text when the body was not JSON; absent or undefined when empty. */
  body?: unknown;
  /** Set when the body could not be decoded as JSON. */
  rawBody?: string | undefined;
  redact: (text: string) => string;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Why a redirect reached the caller: the client does not follow one that would carry the key along. */
function redirectDetail(response: Response): string | undefined {
  const location = response.headers.get("location");
  if (response.status < 300 || response.status > 399 || location === null) return undefined;
  return `redirect to ${location} not followed: the API key would be sent along`;
}

/** The ApiError (subclass per status) for a response; the key is redacted from every field. */
export function errorFromResponse(context: ErrorContext): ApiError {
  const { provider, response, redact } = context;
  const body = redactJson(context.body, redact);
  const url = redact(response.url);
  const method = context.method.toUpperCase();
  const fieldProblems = normaliseFieldProblems(body);
  const detail =
    redirectDetail(response) ?? messageFromBody(body, provider.errorEnvelope?.messageFields ?? [], fieldProblems);
  const summary = `${provider.displayName} API error ${response.status} on ${method} ${pathOf(url)}`;
  const trimmed = detail && detail.length > MAX_MESSAGE_DETAIL ? `${detail.slice(0, MAX_MESSAGE_DETAIL)}…` : detail;
  const placement = provider.auth.placement;
  return createApiError({
    status: response.status,
    message: redact(trimmed ? `${summary}: ${trimmed}` : summary),
    method,
    url,
    headers: redactHeaders(response.headers, redact, placement.in === "header" ? placement.name : undefined),
    body,
    rawBody: context.rawBody === undefined ? undefined : redact(context.rawBody),
    fieldProblems,
  });
}
