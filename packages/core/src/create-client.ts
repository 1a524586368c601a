import createClient, { type Client, createQuerySerializer } from "openapi-fetch";
import { type ClientOptions, checkClientHeaders, checkCount, resolveClientOptions } from "./client-options.js";
import { credentialHeaders } from "./credentials.js";
import { createDebugLog } from "./debug-log.js";
import { type CallResult, createDirectCall, isDirectInit } from "./direct-request.js";
import { isErrorEnvelope } from "./error-from-response.js";
import { createNamedMethods, type NamedSendFunction } from "./named-methods.js";
import type { OperationDefinition, ProviderDefinition } from "./provider-definition.js";
import { type Ownership, type PreparedInit, prepareRequestInit } from "./request-init.js";
import type { ParseAs } from "./response-body.js";
import { safePathSerializer } from "./safe-path.js";
import { CallContext, type Transport } from "./transport.js";
import { createTransportSelector } from "./transport-selection.js";

const RAW_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type RawCall = (path: string, init?: PreparedInit) => Promise<CallResult>;

/** Sends one call; `owned`: what of `init` was made for this call, so it may be filled in (prepareRequestInit). */
type SendFunction = (method: string, path: string, init?: PreparedInit, owned?: Ownership) => Promise<CallResult>;

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/**
 * Puts the transport on a call that goes through openapi-fetch (middleware is registered, or a raw
 * call uses an option only openapi-fetch handles), with the caller's signal in a CallContext: a
 * middleware may replace the Request, and the transport must still follow that signal. Calls on the
 * direct path (direct-request.ts) also keep their body for retries and read a successful body once;
 * these are left plain, since middleware may read or replace either.
 */
function withTransport(init: PreparedInit | undefined, transport: Transport): PreparedInit {
  const call = new CallContext((init?.signal as AbortSignal | null | undefined) ?? undefined, false);
  return { ...init, fetch: (request: Request, ext?: RequestInit) => transport(request, ext, call) };
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
  const clientHeaders = { ...credentialHeaders(provider.auth.placement, resolved.apiKey), ...resolved.headers };
  checkClientHeaders(provider.displayName, clientHeaders, resolved.apiKey);
  // Built once: openapi-fetch would otherwise build its default query serializer on every call.
  const querySerializer = createQuerySerializer();
  const raw = createClient<Paths>({
    baseUrl: resolved.baseUrl,
    fetch: (request: Request, ext?: RequestInit) => transports.clientDefault(request, ext),
    querySerializer,
    headers: clientHeaders,
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

  /**
   * What every call starts with: the credential and the operation's server filled in, and the
   * transport for its retry class and per-call `timeout`/`maxRetries` (none for a caller's own `fetch`).
   */
  const prepareCall = (
    operation: OperationDefinition | undefined,
    init: PreparedInit | undefined,
    owned: Ownership,
  ) => {
    let prepared = operation
      ? prepareRequestInit(
          operation,
          init,
          {
            placement: provider.auth.placement,
            apiKey: resolved.apiKey,
            serverUrl:
              baseUrlOverridden || operation.serverUrl === provider.defaultBaseUrl ? undefined : operation.serverUrl,
          },
          owned,
        )
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
    return { prepared, transport };
  };

  const directCall = createDirectCall({
    baseUrl: resolved.baseUrl,
    headers: clientHeaders,
    querySerializer,
    pathSerializer: safePathSerializer,
  });

  /**
   * Raw calls, and named ones once middleware is registered: credentials, server, transport, then
   * openapi-fetch — or the direct path, for a raw call without middleware that uses only the options
   * it handles (same request and result: test/direct-request.test.ts; edge cases in direct-request.ts).
   */
  const send: SendFunction = async (method, path, init, owned = "none") => {
    const upper = method.toUpperCase();
    const { prepared, transport } = prepareCall(operationsByRoute.get(routeKey(upper, path)), init, owned);
    // Only RAW_METHODS reach here: the raw methods themselves, request() (checked) and named methods.
    const original = originals[upper] as RawCall;
    if (transport === undefined) return original(path, prepared);
    const parseAs = (prepared?.parseAs as ParseAs | undefined) ?? "json";
    if (!middlewareUsed && isDirectInit(prepared)) {
      return directCall(upper, path, prepared ?? {}, transport, parseAs, true);
    }
    return original(path, withTransport(prepared, transport));
  };

  /** Named methods: straight to the transport while no middleware is registered (nothing can step in between). */
  const sendNamed: NamedSendFunction = (operation, init, parseAs, owned) => {
    if (middlewareUsed) return send(operation.method, operation.path, { ...init, parseAs }, owned);
    const { prepared, transport } = prepareCall(operation, init, owned);
    // Named methods never pass a `fetch` of their own, so there is always a transport.
    return directCall(
      operation.method.toUpperCase(),
      operation.path,
      prepared ?? init,
      transport as Transport,
      parseAs,
      false,
    );
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
  client.request = async (method: string, path: string, init?: PreparedInit) => {
    const upper = method.toUpperCase();
    if (!(RAW_METHODS as readonly string[]).includes(upper)) throw new TypeError(`Unsupported HTTP method ${method}`);
    return (client[upper] as RawCall)(path, init);
  };

  Object.assign(client, createNamedMethods(provider, sendNamed, resolved));
  return client as unknown as Client<Paths> & NamedMethods;
}
