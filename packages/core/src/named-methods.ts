import type { CallOptions } from "./client-options.js";
import { credentialHeaders } from "./credentials.js";
import { errorFromResponse, isErrorEnvelope } from "./error-from-response.js";
import type { OperationDefinition, ProviderDefinition } from "./provider-definition.js";
import { encodeBody } from "./request-body.js";
import type { PreparedInit } from "./request-init.js";

/** Sends one call through the client's pipeline (credentials, server, transport, openapi-fetch). */
export type SendFunction = (
  method: string,
  path: string,
  init?: PreparedInit,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const LOCATIONS = ["path", "query", "header", "cookie"] as const;

function listFor(operation: OperationDefinition, location: (typeof LOCATIONS)[number]): readonly string[] {
  return {
    path: operation.pathParams,
    query: operation.queryParams,
    header: operation.headerParams,
    cookie: operation.cookieParams,
  }[location];
}

/** Splits a named method's single argument into openapi-fetch's `params` and an encoded body. */
function toRequestInit(operation: OperationDefinition, input: Record<string, unknown>): PreparedInit {
  let params: Record<string, Record<string, unknown>>;
  let body: unknown;
  if (operation.inputShape === "grouped") {
    const { body: groupedBody, ...groupedParams } = input;
    params = groupedParams as Record<string, Record<string, unknown>>;
    body = groupedBody;
  } else {
    params = {};
    const consumed = new Set<string>();
    for (const location of LOCATIONS) {
      const section: Record<string, unknown> = {};
      for (const name of listFor(operation, location)) {
        consumed.add(name);
        if (input[name] !== undefined) section[name] = input[name];
      }
      params[location] = section;
    }
    if (operation.bodyInput === "property") body = input.body;
    else if (operation.bodyInput === "fields") {
      body = Object.fromEntries(Object.entries(input).filter(([name]) => !consumed.has(name)));
    }
  }
  const encoded = encodeBody(operation, body);
  // openapi-fetch does not send cookie parameters; they travel in the Cookie header.
  const cookies = Object.entries(params.cookie ?? {}).map(
    ([name, value]) => `${name}=${encodeURIComponent(String(value))}`,
  );
  const headers = { ...encoded.headers, ...(cookies.length > 0 ? { Cookie: cookies.join("; ") } : {}) };
  return {
    params,
    body: encoded.body,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(encoded.bodySerializer ? { bodySerializer: encoded.bodySerializer } : {}),
  };
}

function isJson(response: Response): boolean {
  return /\bjson\b/i.test(response.headers.get("content-type") ?? "");
}

/**
 * Decodes a body read as text: JSON when the server says so, the text otherwise. Invalid JSON
 * never escapes as a SyntaxError: the caller gets the raw text to put on an ApiError.
 */
function decodeText(text: string | undefined, response: Response): { body: unknown; rawBody?: string } {
  if (text === undefined || text === "") return { body: undefined };
  if (!isJson(response)) return { body: text, rawBody: text };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text, rawBody: text };
  }
}

/** One async function per operation: resolves to the success body, throws a typed ApiError otherwise. */
export function createNamedMethods(
  provider: ProviderDefinition,
  send: SendFunction,
  client: { apiKey: string; baseUrl: string },
): Record<string, (input?: Record<string, unknown>, options?: CallOptions) => Promise<unknown>> {
  const methods: Record<string, (input?: Record<string, unknown>, options?: CallOptions) => Promise<unknown>> = {};
  // Only cookie-borne credentials have one; computed once per client, not per call.
  const credentialCookie = credentialHeaders(provider.auth.placement, client.apiKey).Cookie;
  for (const [name, operation] of Object.entries(provider.operations)) {
    methods[name] = async (input = {}, options = {}) => {
      const request = toRequestInit(operation, input);
      const headers = { ...(request.headers as Record<string, string> | undefined) };
      if (headers.Cookie !== undefined && credentialCookie !== undefined) {
        // A per-call Cookie header replaces the client's, so carry the credential cookie along.
        headers.Cookie = `${credentialCookie}; ${headers.Cookie}`;
      }
      const init: PreparedInit = {
        ...request,
        parseAs: operation.successParse === "blob" ? "blob" : "text",
        headers: { ...headers, ...options.headers },
      };
      // Only options the caller gave: openapi-fetch copies unknown init keys onto the Request it
      // builds, and adding properties to every Request (even undefined ones) slows each call.
      if (options.signal !== undefined) init.signal = options.signal;
      if (options.timeout !== undefined) init.timeout = options.timeout;
      if (options.maxRetries !== undefined) init.maxRetries = options.maxRetries;
      const { data, error, response } = await send(operation.method, operation.path, init);
      if (response.ok && operation.successParse === "blob") return data;
      const decoded = response.ok
        ? decodeText(data as string | undefined, response)
        : // openapi-fetch already tried JSON.parse on error bodies; a string left over is raw text.
          {
            body: error === "" ? undefined : error,
            rawBody: typeof error === "string" && error !== "" ? error : undefined,
          };
      const failed = !response.ok || (decoded.rawBody !== undefined && isJson(response));
      if (failed || isErrorEnvelope(decoded.body, provider.errorEnvelope)) {
        throw errorFromResponse({
          provider,
          method: operation.method,
          url: response.url || `${client.baseUrl}${operation.path}`,
          response,
          body: decoded.body,
          rawBody: decoded.rawBody,
          secret: client.apiKey,
        });
      }
      return decoded.body;
    };
  }
  return methods;
}
