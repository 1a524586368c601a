import type { CallOptions } from "./client-options.js";
import { errorFromResponse, isErrorEnvelope } from "./error-from-response.js";
import type { OperationDefinition, ProviderDefinition } from "./provider-definition.js";
import type { PreparedInit } from "./request-init.js";

/** Sends one call through the client's pipeline (credentials, server, transport, openapi-fetch). */
export type SendFunction = (
  method: string,
  path: string,
  init?: PreparedInit,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Splits a named method's single argument into openapi-fetch's `params` and `body`. */
function toRequestInit(operation: OperationDefinition, input: Record<string, unknown>): PreparedInit {
  const params: Required<NonNullable<PreparedInit["params"]>> = { path: {}, query: {}, header: {}, cookie: {} };
  const sections = [
    ["path", operation.pathParams],
    ["query", operation.queryParams],
    ["header", operation.headerParams],
    ["cookie", operation.cookieParams],
  ] as const;
  const consumed = new Set<string>();
  for (const [section, names] of sections) {
    for (const name of names) {
      consumed.add(name);
      if (input[name] !== undefined) params[section][name] = input[name];
    }
  }
  let body: unknown;
  if (operation.bodyInput === "property") {
    body = input.body;
  } else if (operation.bodyInput === "fields") {
    body = Object.fromEntries(Object.entries(input).filter(([name]) => !consumed.has(name)));
  }
  return { params, body };
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
  for (const [name, operation] of Object.entries(provider.operations)) {
    methods[name] = async (input = {}, options = {}) => {
      const init: PreparedInit = {
        ...toRequestInit(operation, input),
        parseAs: "text",
        signal: options.signal,
        headers: options.headers,
        timeout: options.timeout,
        maxRetries: options.maxRetries,
      };
      const { data, error, response } = await send(operation.method, operation.path, init);
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
