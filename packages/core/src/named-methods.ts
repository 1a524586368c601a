import { ApiPromise, type WithResponse } from "./api-promise.js";
import type { CallOptions } from "./client-options.js";
import type { CallInit } from "./create-client.js";
import type { deepObjectQuery } from "./deep-object-query.js";
import { errorFromResponse, isErrorEnvelope } from "./error-from-response.js";
import { ClientConfigurationError } from "./errors.js";
import type { eventStream } from "./event-stream.js";
import type { paginate } from "./pagination.js";
import type { OperationDefinition, ProviderDefinition } from "./provider-definition.js";
import type { EncodedBody, encodeBody } from "./request-body.js";
import { isJsonMediaType } from "./vocabulary.js";

type Input = Record<string, unknown>;

/** One call through the client (create-client.ts): openapi-fetch's result shape. */
export type Send = (
  method: string,
  path: string,
  init?: CallInit,
  operation?: OperationDefinition,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Runtime pieces generated clients pass in only when their spec needs them (so others do not bundle them). */
export interface Features {
  eventStream?: typeof eventStream;
  paginate?: typeof paginate;
  /** For request bodies that are not JSON (forms, multipart, text…). */
  encodeBody?: typeof encodeBody;
  /** For queries with `deepObject` parameters (OperationDefinition.queryDeepObjects), raw calls included. */
  deepObjectQuery?: typeof deepObjectQuery;
}

const LOCATIONS = ["path", "query", "header", "cookie"] as const;

/** Splits a named method's single argument into openapi-fetch's `params` and an encoded body. */
function toRequestInit(operation: OperationDefinition, input: Input, encode?: typeof encodeBody): CallInit {
  let params: Record<string, Input>;
  let body: unknown;
  if (operation.inputShape === "grouped") {
    const { body: groupedBody, ...groupedParams } = input;
    params = groupedParams as Record<string, Input>;
    body = groupedBody;
  } else {
    params = {};
    const parameterNames = new Set<string>();
    for (const location of LOCATIONS) {
      const section: Input = {};
      for (const name of operation[`${location}Params`]) {
        parameterNames.add(name);
        if (input[name] !== undefined) section[name] = input[name];
      }
      params[location] = section;
    }
    if (operation.bodyInput === "property") body = input.body;
    else if (operation.bodyInput === "fields") {
      const fields: Input = {};
      for (const name in input) if (!parameterNames.has(name) && input[name] !== undefined) fields[name] = input[name];
      // An optional body with no field given is no body: `{}` could lack fields its schema requires.
      if (!operation.bodyOptional || Object.keys(fields).length > 0) body = fields;
    }
  }
  const encoded: EncodedBody = encode?.(operation, body) ?? { body };
  const init: CallInit = { params, body: encoded.body };
  if (encoded.headers !== undefined) init.headers = encoded.headers;
  // openapi-fetch does not send cookie parameters; they travel in the Cookie header.
  const cookies = Object.entries(params.cookie ?? {}).map(
    ([name, value]) => `${name}=${encodeURIComponent(String(value))}`,
  );
  if (cookies.length > 0) init.headers = { ...encoded.headers, Cookie: cookies.join("; ") };
  if (encoded.bodySerializer !== undefined) init.bodySerializer = encoded.bodySerializer;
  return init;
}

/** The init for a page addressed by URL (Link pagination): its path as is, its query as parameters. */
function urlInit(url: URL): CallInit {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return { baseUrl: url.origin, params: { query } };
}

/**
 * Decodes a success body read as text: JSON when the server says so, the text otherwise. Invalid
 * JSON never escapes as a SyntaxError: it becomes an ApiError carrying the raw text.
 */
function decodeText(text: string | undefined, response: Response): { body: unknown; rawBody?: string } {
  if (text === undefined || text === "") return { body: undefined };
  if (!isJsonMediaType(response.headers.get("content-type"))) return { body: text, rawBody: text };
  try {
    return { body: JSON.parse(text) };
  } catch {
    return { body: text, rawBody: text };
  }
}

/**
 * One method per operation. Each resolves to the success body (or throws the ApiError subclass for
 * the response) and returns an ApiPromise, so `.withResponse()` gives the Response too; event-stream
 * operations return an EventStreamPromise and paginated ones a PagePromise.
 */
export function createNamedMethods(
  provider: ProviderDefinition,
  send: Send,
  { redact, features }: { redact: (text: string) => string; features: Features },
): Record<string, (input?: Input, options?: CallOptions) => ApiPromise<unknown>> {
  /** Sends one named call and turns its response into the success body, or throws. */
  const call = async (
    operation: OperationDefinition,
    init: CallInit,
    options: CallOptions,
    path = operation.path,
  ): Promise<WithResponse<unknown>> => {
    const { successParse } = operation;
    init.parseAs = successParse === "blob" ? "blob" : successParse === "event-stream" ? "stream" : "text";
    const { signal, timeout, maxRetries, headers } = options;
    // Left undefined, send uses the client's.
    Object.assign(init, { signal, timeout, maxRetries });
    if (headers !== undefined) init.headers = { ...(init.headers as object), ...headers };
    const method = operation.method.toUpperCase();
    const { data, error, response } = await send(method, path, init, operation);
    const requestId = response.headers.get("x-request-id") ?? undefined;
    if (response.ok && init.parseAs !== "text") return { data, response, requestId };
    const decoded = response.ok
      ? decodeText(data as string | undefined, response)
      : // openapi-fetch already tried JSON.parse on error bodies; a string left over is raw text.
        {
          body: error === "" ? undefined : error,
          rawBody: typeof error === "string" && error !== "" ? error : undefined,
        };
    const malformed = decoded.rawBody !== undefined && isJsonMediaType(response.headers.get("content-type"));
    if (!response.ok || malformed || isErrorEnvelope(decoded.body, provider.errorEnvelope)) {
      const { body, rawBody } = decoded;
      throw errorFromResponse({ provider, method, response, body, rawBody, redact });
    }
    return { data: decoded.body, response, requestId };
  };

  const needs = (name: string, feature: keyof Features): never => {
    throw new ClientConfigurationError(`${provider.displayName} client: ${name}() needs the \`${feature}\` feature`);
  };
  const methods: Record<string, (input?: Input, options?: CallOptions) => ApiPromise<unknown>> = {};
  for (const [name, operation] of Object.entries(provider.operations)) {
    const { pagination, bodyMediaType } = operation;
    // JSON is openapi-fetch's own encoding; other media types need `encodeBody`.
    const encode =
      bodyMediaType === undefined || isJsonMediaType(bodyMediaType)
        ? undefined
        : (features.encodeBody ?? needs(name, "encodeBody"));
    const init = (input: Input) => toRequestInit(operation, input, encode);
    if (operation.successParse === "event-stream") {
      const eventStream = features.eventStream ?? needs(name, "eventStream");
      const method = operation.method.toUpperCase();
      const json = operation.eventData === "json";
      methods[name] = (input = {}, options = {}) => eventStream(call(operation, init(input), options), method, json);
    } else if (pagination !== undefined) {
      const paginate = features.paginate ?? needs(name, "paginate");
      methods[name] = (input = {}, options = {}) =>
        paginate(pagination, input, {
          byInput: (pageInput) => call(operation, init(pageInput), options),
          byUrl: (url) => call(operation, urlInit(url), options, url.pathname),
        });
    } else {
      methods[name] = (input = {}, options = {}) => new ApiPromise(call(operation, init(input), options));
    }
  }
  return methods;
}
