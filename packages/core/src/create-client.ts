import createClient, { type Client } from "openapi-fetch";
import { type ClientOptions, resolveClientOptions } from "./client-options.js";
import { credentialHeaders } from "./credentials.js";
import { isErrorEnvelope } from "./error-from-response.js";
import { createNamedMethods } from "./named-methods.js";
import type { OperationDefinition, ProviderDefinition } from "./provider-definition.js";
import { type PreparedInit, prepareRequestInit } from "./request-init.js";
import { safePathSerializer } from "./safe-path.js";

const RAW_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type RawCall = (path: string, init?: PreparedInit) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function operationKey(method: string, path: string): string {
  return `${method.toLowerCase()} ${path}`;
}

/**
 * Builds a provider client: an openapi-fetch client over the generated `paths` (so `.use()` and
 * every openapi-fetch option work), with the provider's credential and error conventions applied,
 * plus one named method per operation.
 *
 * `Paths` and `NamedMethods` come from generated code; this function only sees the runtime metadata.
 */
export function createProviderClient<Paths extends {}, NamedMethods>(
  provider: ProviderDefinition,
  options?: ClientOptions,
): Client<Paths> & NamedMethods {
  const resolved = resolveClientOptions(provider, options);
  const baseUrlOverridden = options?.baseUrl !== undefined;
  const raw = createClient<Paths>({
    baseUrl: resolved.baseUrl,
    fetch: resolved.fetch,
    headers: { ...credentialHeaders(provider.auth.placement, resolved.apiKey), ...resolved.headers },
    pathSerializer: safePathSerializer,
  });

  const operationsByRoute = new Map<string, OperationDefinition>();
  for (const operation of Object.values(provider.operations)) {
    operationsByRoute.set(operationKey(operation.method, operation.path), operation);
  }
  const injectsPerRequest =
    provider.auth.placement.in === "body" ||
    provider.auth.placement.in === "query" ||
    (!baseUrlOverridden && [...operationsByRoute.values()].some((op) => op.serverUrl !== provider.defaultBaseUrl));

  const prepare = (operation: OperationDefinition, init: PreparedInit | undefined) =>
    prepareRequestInit(operation, init, {
      placement: provider.auth.placement,
      apiKey: resolved.apiKey,
      serverUrl: baseUrlOverridden || operation.serverUrl === provider.defaultBaseUrl ? undefined : operation.serverUrl,
    });

  // Keep the untouched openapi-fetch methods for named methods, which decode responses themselves.
  const rawCalls = {} as Record<(typeof RAW_METHODS)[number], RawCall>;
  const client = raw as unknown as Record<string, unknown>;
  for (const method of RAW_METHODS) {
    const original = (raw[method] as unknown as RawCall).bind(raw);
    rawCalls[method] = original;
    if (!injectsPerRequest && provider.errorEnvelope === undefined) continue;
    // Only providers that need it pay for the wrapper (the fast path stays bare openapi-fetch).
    client[method] = async (path: string, init?: PreparedInit) => {
      const operation = operationsByRoute.get(operationKey(method, path));
      const result = await original(path, operation ? prepare(operation, init) : init);
      if (result.data !== undefined && isErrorEnvelope(result.data, provider.errorEnvelope)) {
        return { error: result.data, response: result.response };
      }
      return result;
    };
  }
  client.request = (method: string, path: string, init?: PreparedInit) =>
    (client[method.toUpperCase()] as RawCall)(path, init);

  Object.assign(client, createNamedMethods(provider, rawCalls, prepare, resolved));
  return client as unknown as Client<Paths> & NamedMethods;
}
