import createClient, { type Client, defaultBodySerializer } from "openapi-fetch";
import { type ClientOptions, checkCount, resolveClientOptions } from "./client-options.js";
import { credentialHeaders } from "./credentials.js";
import { createDebugLog } from "./debug-log.js";
import { isErrorEnvelope } from "./error-from-response.js";
import { createNamedMethods, type SendFunction } from "./named-methods.js";
import type { OperationDefinition, ProviderDefinition } from "./provider-definition.js";
import { type PreparedInit, prepareRequestInit } from "./request-init.js";
import { safePathSerializer } from "./safe-path.js";
import { FirstAttempt, type Transport } from "./transport.js";
import { createTransportSelector } from "./transport-selection.js";

const RAW_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type BodySerializer = (body: unknown, headers?: unknown) => unknown;

type RawCall = (path: string, init?: PreparedInit) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/**
 * Puts the transport on the call's init. When nothing can replace the Request openapi-fetch builds
 * (no middleware, no custom Request class), the first attempt's abort signal goes in the init too,
 * so the transport can send that Request as built instead of wrapping it again for its timeout.
 */
function withTransport(init: PreparedInit | undefined, transport: Transport, sendAsBuilt: boolean): PreparedInit {
  const perCallMiddleware = init?.middleware as unknown[] | undefined;
  if (
    !sendAsBuilt ||
    (perCallMiddleware !== undefined && perCallMiddleware.length > 0) ||
    init?.Request !== undefined
  ) {
    return { ...init, fetch: transport };
  }
  const firstAttempt = new FirstAttempt((init?.signal as AbortSignal | null | undefined) ?? undefined);
  const prepared: PreparedInit = {
    ...init,
    signal: firstAttempt.controller.signal,
    fetch: (request: Request) => transport(request, firstAttempt),
  };
  if (init?.body !== undefined) {
    // Same serializer openapi-fetch would use (ours has no client-wide one); the result is kept for retries.
    const serialize = (init.bodySerializer as BodySerializer | undefined) ?? (defaultBodySerializer as BodySerializer);
    prepared.bodySerializer = (body: unknown, headers?: unknown) => firstAttempt.keepBody(serialize(body, headers));
  }
  return prepared;
}

/**
 * Builds a provider client: an openapi-fetch client over the generated `paths` (so `.use()` and
 * every openapi-fetch option work), with the provider's credential and error conventions applied,
 * retries/timeouts/rate limiting in its fetch, plus one named method per operation.
 *
 * `Paths` and `NamedMethods` come from generated code; this function only sees the runtime metadata.
 */
export function createProviderClient<Paths extends {}, NamedMethods>(
  provider: ProviderDefinition,
  options?: ClientOptions,
): Client<Paths> & NamedMethods {
  const resolved = resolveClientOptions(provider, options);
  const debug = createDebugLog(resolved.debug, provider.name, resolved.apiKey);
  const transports = createTransportSelector(resolved, debug);
  const baseUrlOverridden = options?.baseUrl !== undefined;
  const raw = createClient<Paths>({
    baseUrl: resolved.baseUrl,
    fetch: (request) => transports.clientDefault(request),
    headers: { ...credentialHeaders(provider.auth.placement, resolved.apiKey), ...resolved.headers },
    pathSerializer: safePathSerializer,
  });

  // Middleware may swap the Request for one without the first attempt's signal: from the first
  // `use()` on, every attempt wraps the Request it is given.
  let middlewareUsed = false;
  const use = raw.use.bind(raw);
  raw.use = (...middleware: Parameters<typeof use>) => {
    if (middleware.some(Boolean)) middlewareUsed = true;
    use(...middleware);
  };

  const operationsByRoute = new Map<string, OperationDefinition>();
  for (const operation of Object.values(provider.operations)) {
    operationsByRoute.set(routeKey(operation.method, operation.path), operation);
  }
  const originals = Object.fromEntries(
    RAW_METHODS.map((method) => [method, (raw[method] as unknown as RawCall).bind(raw)]),
  ) as Record<string, RawCall>;

  /** Every call goes through here: credentials, server, transport, then openapi-fetch. */
  const send: SendFunction = (method, path, init) => {
    const operation = operationsByRoute.get(routeKey(method, path));
    let prepared = operation
      ? prepareRequestInit(operation, init, {
          placement: provider.auth.placement,
          apiKey: resolved.apiKey,
          serverUrl:
            baseUrlOverridden || operation.serverUrl === provider.defaultBaseUrl ? undefined : operation.serverUrl,
        })
      : init;
    let transport: Transport | undefined;
    if (prepared?.timeout !== undefined || prepared?.maxRetries !== undefined) {
      const { timeout, maxRetries, ...rest } = prepared as PreparedInit & { timeout?: number; maxRetries?: number };
      const overrides = {
        timeout: checkCount(provider.displayName, "timeout", timeout, resolved.timeout, { integer: false }),
        maxRetries: checkCount(provider.displayName, "maxRetries", maxRetries, resolved.maxRetries, { integer: true }),
      };
      prepared = rest;
      transport = transports.forCall(operation, overrides);
    } else if (prepared?.fetch === undefined) {
      // A per-call `fetch` is the caller's own: it replaces the transport, as in openapi-fetch.
      transport = transports.forCall(operation, {}) ?? transports.clientDefault;
    }
    if (transport !== undefined) prepared = withTransport(prepared, transport, !middlewareUsed);
    const original = originals[method.toUpperCase()];
    if (original === undefined) throw new TypeError(`Unsupported HTTP method ${method}`);
    return original(path, prepared);
  };

  const client = raw as unknown as Record<string, unknown>;
  for (const method of RAW_METHODS) {
    client[method] = async (path: string, init?: PreparedInit) => {
      const result = await send(method, path, init);
      // An in-band error body (ModelsLab `status: "error"` with 200) is an error for raw calls too.
      if (result.data !== undefined && isErrorEnvelope(result.data, provider.errorEnvelope)) {
        return { error: result.data, response: result.response };
      }
      return result;
    };
  }
  client.request = (method: string, path: string, init?: PreparedInit) =>
    (client[method.toUpperCase()] as RawCall)(path, init);

  Object.assign(client, createNamedMethods(provider, send, resolved));
  return client as unknown as Client<Paths> & NamedMethods;
}
