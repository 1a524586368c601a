import type { CallOptions } from "./client-options.js";
import { credentialHeaders } from "./credentials.js";
import type { CallResult } from "./direct-request.js";
import { errorFromResponse, isErrorEnvelope } from "./error-from-response.js";
import type { OperationDefinition, ProviderDefinition } from "./provider-definition.js";
import { encodeBody } from "./request-body.js";
import type { Ownership, PreparedInit } from "./request-init.js";

/**
 * Sends one named-method call through the client's pipeline (credentials, server, transport) and
 * returns openapi-fetch's result shape, the success body read as `parseAs`. `owned`: what of `init`
 * was made for this call only, so the pipeline may fill it in instead of copying it.
 */
export type NamedSendFunction = (
  operation: OperationDefinition,
  init: PreparedInit,
  parseAs: "text" | "blob",
  owned: Ownership,
) => Promise<CallResult>;

const LOCATIONS = ["path", "query", "header", "cookie"] as const;

/** An operation's parameter names per location, and all of them: the same for every call. */
interface ParameterNames {
  byLocation: readonly (readonly [(typeof LOCATIONS)[number], readonly string[]])[];
  all: ReadonlySet<string>;
}

function parameterNames(operation: OperationDefinition): ParameterNames {
  const byLocation = [
    ["path", operation.pathParams],
    ["query", operation.queryParams],
    ["header", operation.headerParams],
    ["cookie", operation.cookieParams],
  ] as const;
  return { byLocation, all: new Set(byLocation.flatMap(([, names]) => names)) };
}

/** Splits a named method's single argument into openapi-fetch's `params` and an encoded body. */
function toRequestInit(
  operation: OperationDefinition,
  names: ParameterNames,
  input: Record<string, unknown>,
): PreparedInit {
  let params: Record<string, Record<string, unknown>>;
  let body: unknown;
  if (operation.inputShape === "grouped") {
    const { body: groupedBody, ...groupedParams } = input;
    params = groupedParams as Record<string, Record<string, unknown>>;
    body = groupedBody;
  } else {
    params = {};
    for (const [location, locationNames] of names.byLocation) {
      const section: Record<string, unknown> = {};
      for (const name of locationNames) if (input[name] !== undefined) section[name] = input[name];
      params[location] = section;
    }
    if (operation.bodyInput === "property") body = input.body;
    else if (operation.bodyInput === "fields") {
      const fields: Record<string, unknown> = {};
      for (const name in input) if (!names.all.has(name)) fields[name] = input[name];
      body = fields;
    }
  }
  const encoded = encodeBody(operation, body);
  const init: PreparedInit = { params, body: encoded.body };
  // openapi-fetch does not send cookie parameters; they travel in the Cookie header.
  const cookies: string[] = [];
  for (const name in params.cookie) cookies.push(`${name}=${encodeURIComponent(String(params.cookie[name]))}`);
  if (cookies.length > 0) init.headers = { ...encoded.headers, Cookie: cookies.join("; ") };
  else if (encoded.headers !== undefined) init.headers = encoded.headers;
  if (encoded.bodySerializer !== undefined) init.bodySerializer = encoded.bodySerializer;
  return init;
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
  send: NamedSendFunction,
  client: { apiKey: string; baseUrl: string },
): Record<string, (input?: Record<string, unknown>, options?: CallOptions) => Promise<unknown>> {
  const methods: Record<string, (input?: Record<string, unknown>, options?: CallOptions) => Promise<unknown>> = {};
  // Only cookie-borne credentials have one; computed once per client, not per call.
  const credentialCookie = credentialHeaders(provider.auth.placement, client.apiKey).Cookie;
  for (const [name, operation] of Object.entries(provider.operations)) {
    const names = parameterNames(operation);
    // A body built from the argument's fields is this call's own: a credential may be added in place.
    const owned: Ownership =
      operation.inputShape !== "grouped" && operation.bodyInput === "fields" ? "init-and-body" : "init";
    const parseAs = operation.successParse === "blob" ? "blob" : "text";
    methods[name] = async (input = {}, options = {}) => {
      const init = toRequestInit(operation, names, input);
      let headers = init.headers as Record<string, string> | undefined;
      if (headers?.Cookie !== undefined && credentialCookie !== undefined) {
        // A per-call Cookie header replaces the client's, so carry the credential cookie along.
        headers.Cookie = `${credentialCookie}; ${headers.Cookie}`;
      }
      if (options.headers !== undefined) headers = { ...headers, ...options.headers };
      if (headers !== undefined) init.headers = headers;
      // Only options the caller gave: openapi-fetch copies unknown init keys onto the Request it
      // builds, and adding properties to every Request (even undefined ones) slows each call.
      if (options.signal !== undefined) init.signal = options.signal;
      if (options.timeout !== undefined) init.timeout = options.timeout;
      if (options.maxRetries !== undefined) init.maxRetries = options.maxRetries;
      const { data, error, response } = await send(operation, init, parseAs, owned);
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
