import createClient, { type ParseAs } from "openapi-fetch";
import {
  type ClientOptions,
  checkBaseUrl,
  checkCount,
  checkHeaders,
  type ResolvedOptions,
  resolveClientOptions,
} from "./client-options.js";
import { createRedactor, credentialHeaders } from "./credentials.js";
import { createDebugLog } from "./debug-log.js";
import { errorFromResponse, isErrorEnvelope } from "./error-from-response.js";
import { ClientConfigurationError } from "./errors.js";
import { createNamedMethods, type Features, type Send } from "./named-methods.js";
import type { RawClient } from "./operation-types.js";
import type { CredentialPlacement, OperationDefinition, ProviderDefinition } from "./provider-definition.js";
import { RateLimiter } from "./rate-limiter.js";
import { safePathSerializer } from "./safe-path.js";
import { type CallPolicy, createTransport } from "./transport.js";
import { isPlainObject, RETRY_SAFE_METHODS } from "./vocabulary.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

/** The options a call hands to openapi-fetch (the parts the runtime reads or fills in), plus our per-call ones. */
export interface CallInit {
  params?: { path?: object; query?: Record<string, unknown>; header?: object; cookie?: object };
  body?: unknown;
  baseUrl?: string;
  headers?: unknown;
  parseAs?: ParseAs;
  signal?: AbortSignal | null | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  [option: string]: unknown;
}

/**
 * Builds a provider client: an openapi-fetch client over the generated `paths` (so `.use()` and
 * every openapi-fetch option work) plus one named method per operation. Every call, raw or named,
 * goes through `send` (createRequestPath below).
 *
 * `features`: what generated clients pass for operations that stream events or page (see
 * named-methods.ts), so that code is bundled only where it is used.
 */
export function createProviderClient<Paths extends {}, NamedMethods>(
  provider: ProviderDefinition,
  options?: ClientOptions,
  features: Features = {},
): RawClient<Paths> & NamedMethods {
  const resolved = resolveClientOptions(provider, options);
  const redact = createRedactor(resolved.apiKey);
  const { client, send } = createRequestPath(provider, options, resolved, redact, features);
  for (const method of METHODS) {
    client[method] = async (path: string, init?: CallInit) => {
      const result = await send(method, path, init);
      const { data, error, response } = result;
      // An in-band error body (ModelsLab `status: "error"` with 200) is an error for raw calls too.
      if (response.ok && isErrorEnvelope(data, provider.errorEnvelope)) return { error: data, response };
      // A bodiless error still needs a truthy `error`, or `if (error)` would read a 401 as success.
      if (!response.ok && (error === undefined || error === "")) {
        return { error: errorFromResponse({ provider, method, response, redact }), response };
      }
      return result;
    };
  }
  client.request = async (method: string, path: string, init?: CallInit) => {
    const upper = String(method).toUpperCase();
    if (!METHODS.includes(upper)) throw new ClientConfigurationError(`Unsupported HTTP method ${String(method)}`);
    return (client[upper] as (path: string, init?: CallInit) => unknown)(path, init);
  };
  Object.assign(client, createNamedMethods(provider, send, { redact, features }));
  return client as unknown as RawClient<Paths> & NamedMethods;
}

/**
 * The client's request path: an openapi-fetch client carrying the credential headers, and `send`,
 * one call raw or named. `send` fills in what the operation table implies (credential, server,
 * idempotency), then hands the init to openapi-fetch's own method, which builds the Request and
 * passes it to the client's one transport with this call's policy.
 */
function createRequestPath(
  provider: ProviderDefinition,
  options: ClientOptions | undefined,
  resolved: ResolvedOptions,
  redact: (text: string) => string,
  features: Features,
): { client: Record<string, unknown>; send: Send } {
  const { apiKey } = resolved;
  const { placement } = provider.auth;
  const headers = { ...credentialHeaders(placement, apiKey), ...resolved.headers };
  checkHeaders(provider, headers, "headers", apiKey);
  const client: Record<string, unknown> = createClient({
    baseUrl: resolved.baseUrl,
    headers,
    pathSerializer: safePathSerializer,
    // fetch drops Authorization on a redirect to another origin, but re-sends a body and custom
    // headers: with the key in either, a redirect is handed back (an ApiError), never followed.
    ...(placement.in === "body" || placement.in === "header" ? { redirect: "manual" } : {}),
  }) as never;
  const transport = createTransport({
    idleTimeout: resolved.idleTimeout,
    maxResponseBytes: resolved.maxResponseBytes,
    rateLimiter: resolved.rateLimit && new RateLimiter(resolved.rateLimit),
    debug: createDebugLog(resolved.debug, provider.name, redact),
    redact,
  });
  // openapi-fetch's own `request`, kept before the client's methods are replaced by ones that call `send`.
  const request = client.request as (method: string, path: string, init: CallInit) => ReturnType<Send>;
  const operations = new Map<string, OperationDefinition>();
  for (const operation of Object.values(provider.operations)) {
    operations.set(`${operation.method.toUpperCase()} ${operation.path}`, operation);
  }

  const send: Send = (method, path, init = {}, operation = operations.get(`${method} ${path}`)) => {
    // The signal stays with the call, not the Request: a Request following a caller's signal keeps a
    // listener on it until garbage collection, and calls sharing one signal would pile them up.
    const { timeout, maxRetries, fetch, signal, ...rest } = init;
    const call: CallPolicy = {
      fetch: (fetch as CallPolicy["fetch"] | undefined) ?? resolved.fetch,
      signal: signal ?? undefined,
      timeout: checkCount(provider, "timeout", timeout, resolved.timeout, false),
      maxRetries: checkCount(provider, "maxRetries", maxRetries, resolved.maxRetries),
      idempotent: operation?.idempotent ?? RETRY_SAFE_METHODS.has(method),
      stream: init.parseAs === "stream",
    };
    if (isPlainObject(init.headers)) checkHeaders(provider, init.headers, "headers", apiKey);
    const headerParams = init.params?.header;
    if (isPlainObject(headerParams)) checkHeaders(provider, headerParams, "params.header", apiKey);
    if (typeof init.baseUrl === "string") checkBaseUrl(provider, init.baseUrl, resolved.allowInsecureHttp);
    const prepared: CallInit = { ...rest, fetch: (request: Request) => transport(request, call) };
    addCredential(prepared, placement, headers, apiKey, operation);
    prepared.querySerializer ??= features.deepObjectQuery?.(operation);
    // An operation with its own server (ModelsLab's), unless the caller chose one for the client or the
    // call. It comes from the spec, so it passes the same checks as the client's (no plain http to a remote host).
    if (operation && options?.baseUrl === undefined && prepared.baseUrl === undefined) {
      if (operation.serverUrl !== provider.defaultBaseUrl) {
        prepared.baseUrl = checkBaseUrl(provider, operation.serverUrl, resolved.allowInsecureHttp);
      }
    }
    // A spec path may carry a fragment that tells operations apart (`/export#type`): never sent, and
    // openapi-fetch would put the query after it, where it is dropped too.
    return request(method, path.split("#")[0] as string, prepared);
  };
  return { client, send };
}

/**
 * Puts the credential where a call needs it beyond the client's headers: in a call's own Cookie
 * header, in the body, or in the query. A value the caller passed wins.
 */
function addCredential(
  prepared: CallInit,
  placement: CredentialPlacement,
  headers: Record<string, string>,
  apiKey: string,
  operation: OperationDefinition | undefined,
): void {
  // A call's own Cookie header replaces the client's: keep the credential cookie in it.
  const cookie = isPlainObject(prepared.headers)
    ? Object.keys(prepared.headers).find((name) => name.toLowerCase() === "cookie")
    : undefined;
  if (cookie !== undefined && headers.Cookie !== undefined && placement.in === "cookie") {
    const own = (prepared.headers as Record<string, unknown>)[cookie];
    prepared.headers = { ...(prepared.headers as object), [cookie]: `${headers.Cookie}; ${String(own)}` };
  }
  if (operation?.authenticated && placement.in === "body" && operation.bodyInput !== "none") {
    if (prepared.body === undefined) prepared.body = { [placement.name]: apiKey };
    else if (isPlainObject(prepared.body) && prepared.body[placement.name] == null) {
      prepared.body = { ...prepared.body, [placement.name]: apiKey };
    }
  }
  if (operation?.authenticated && placement.in === "query") {
    const query = prepared.params?.query;
    prepared.params = {
      ...prepared.params,
      query: { ...query, [placement.name]: query?.[placement.name] ?? apiKey },
    };
  }
}
