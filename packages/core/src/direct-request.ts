import {
  defaultBodySerializer,
  mergeHeaders,
  type PathSerializer,
  type QuerySerializer,
  removeTrailingSlash,
} from "openapi-fetch";
import type { PreparedInit } from "./request-init.js";
import { decodeBody, type ParseAs } from "./response-body.js";
import { CallContext, type Transport } from "./transport.js";

type BodySerializer = (body: unknown, headers?: unknown) => unknown;

/** What openapi-fetch returns from a call; named methods read the same shape from either path. */
export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

export interface DirectCallOptions {
  baseUrl: string;
  /** The client's own headers (credentials first, then the caller's client-wide ones). */
  headers: Record<string, string>;
  /** openapi-fetch's `createQuerySerializer()`: its output has no leading `?`. */
  querySerializer: QuerySerializer<unknown>;
  pathSerializer: PathSerializer;
}

const JSON_CONTENT_TYPE = { "Content-Type": "application/json" };

/** The openapi-fetch options a direct call honours exactly as coreFetch does. */
const DIRECT_OPTIONS = new Set(["params", "body", "headers", "parseAs", "signal", "baseUrl", "bodySerializer"]);

/** Whether a raw call's options are all ones the direct path handles (anything else: openapi-fetch). */
export function isDirectInit(init: PreparedInit | undefined): boolean {
  for (const key in init) if (!DIRECT_OPTIONS.has(key)) return false;
  return true;
}

/** A header record with names as `Headers` keeps them (lower case, merged): built once, reused per call. */
function headerRecord(...sources: Record<string, string>[]): Record<string, string> {
  return Object.fromEntries(mergeHeaders(...sources));
}

/**
 * Sends a call without openapi-fetch's `coreFetch`, for clients without middleware: every named
 * call, and raw calls that use no option beyond `DIRECT_OPTIONS`.
 * The Request is built as coreFetch builds it, with openapi-fetch's own exported helpers
 * (`mergeHeaders`, `defaultBodySerializer`, the client's query and path serializers), and the result has coreFetch's shape.
 * What is skipped is what such calls never use: middleware, per-call query/path serializers,
 * RequestInit keys copied onto the Request, and merging headers into a new `Headers` on every call.
 * That plumbing is most of the gap between openapi-fetch and a hand-written `fetch` (BENCHMARKS.md §1).
 *
 * Known differences, all outside what servers and our callers do (test/direct-request.test.ts holds
 * the rest equal): the path serializer sees the path template, not `baseUrl + path`, so a `{variable}`
 * left in a hand-set `baseUrl` is sent as is; a successful response is returned already read (its
 * bytes are decoded here), so reading `response` again fails even where coreFetch left it unread
 * (`Content-Length: 0`); a Blob's type is the Content-Type header as sent, not undici's normalized one;
 * a malformed `Content-Length: 0` + chunked JSON body is `undefined`, not a SyntaxError.
 */
export function createDirectCall(options: DirectCallOptions) {
  const baseUrl = removeTrailingSlash(options.baseUrl);
  const { querySerializer, pathSerializer } = options;
  // The headers a call without header parameters or per-call headers sends: with a JSON body, and without.
  const plainHeaders = headerRecord(options.headers);
  const jsonHeaders = headerRecord(JSON_CONTENT_TYPE, options.headers);

  return async function directCall(
    method: string,
    path: string,
    init: PreparedInit,
    transport: Transport,
    parseAs: ParseAs,
    /**
     * Whether a successful `Content-Length: 0` body must be `undefined`, as coreFetch makes it (raw
     * calls). Named methods treat a "" text body as no body, so for them the header lookup is skipped.
     */
    exactEmpty: boolean,
  ): Promise<CallResult> {
    const params = init.params ?? {};
    const callHeaders = init.headers as Record<string, string> | undefined;
    const headerParams = params.header as Record<string, string> | undefined;
    // As createFinalURL, but the path template alone goes to the path serializer (a constant string,
    // so its cache lookup does not hash a new URL on every call).
    const search = querySerializer(params.query ?? {});
    const url = `${init.baseUrl ? removeTrailingSlash(init.baseUrl) : baseUrl}${
      params.path ? pathSerializer(path, params.path) : path
    }${search === "" ? "" : `?${search}`}`;
    const ownHeaders = callHeaders !== undefined || (headerParams !== undefined && hasAny(headerParams));
    // As coreFetch: the serializer sees the headers without the default Content-Type. A serializer
    // of the caller's gets its own `Headers`, as from coreFetch; the default one only reads the record.
    const customSerializer = init.bodySerializer as BodySerializer | undefined;
    const serializerHeaders =
      ownHeaders || customSerializer !== undefined
        ? mergeHeaders(options.headers, callHeaders, headerParams)
        : plainHeaders;
    const serialize = customSerializer ?? (defaultBodySerializer as BodySerializer);
    const call = new CallContext((init.signal as AbortSignal | undefined) ?? undefined, true);
    const body =
      init.body === undefined ? undefined : (call.keepBody(serialize(init.body, serializerHeaders)) as BodyInit);
    const defaultsToJson = body !== undefined && !(body instanceof FormData);
    const headers = ownHeaders
      ? mergeHeaders(defaultsToJson ? JSON_CONTENT_TYPE : {}, options.headers, callHeaders, headerParams)
      : defaultsToJson
        ? jsonHeaders
        : plainHeaders;
    const response = await transport(new Request(url, { method, headers, body }), undefined, call);

    // The rest as coreFetch: no body for 204, HEAD or `Content-Length: 0`; a JSON body that is
    // empty is undefined and one that is invalid throws its SyntaxError (decodeBody).
    if (response.status === 204 || method === "HEAD") {
      return response.ok ? { data: undefined, response } : { error: undefined, response };
    }
    if (response.ok) {
      if ((exactEmpty || parseAs !== "text") && emptyByHeaders(response)) return { data: undefined, response };
      return { data: decodeBody(call.bytes ?? null, response, parseAs), response };
    }
    const text = await response.text();
    try {
      return { error: JSON.parse(text), response };
    } catch {
      return { error: text, response };
    }
  };
}

function hasAny(record: Record<string, unknown>): boolean {
  for (const _ in record) return true;
  return false;
}

/** coreFetch's test for an empty body: `Content-Length: 0`, not chunked. */
function emptyByHeaders(response: Response): boolean {
  const length = response.headers.get("Content-Length");
  return length === "0" && !response.headers.get("Transfer-Encoding")?.includes("chunked");
}
