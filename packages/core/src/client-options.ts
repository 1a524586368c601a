import type { DebugOption } from "./debug-log.js";
import { ClientConfigurationError } from "./errors.js";
import type { ProviderDefinition, RateLimitDefinition } from "./provider-definition.js";
import { DEFAULT_RETRY_POLICY } from "./retry-policy.js";
import type { FetchFunction } from "./transport.js";

export type { FetchFunction };

/** Options accepted by every generated `create<Provider>Client()` factory. */
export interface ClientOptions {
  /** API key. Defaults to the provider's environment variable (e.g. `MODELSLAB_API_KEY`). */
  apiKey?: string | undefined;
  /** Overrides the server URL from the spec (tests point this at a Prism mock). */
  baseUrl?: string | undefined;
  /** A `fetch` implementation; defaults to `globalThis.fetch` at call time. */
  fetch?: FetchFunction | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Retries after the first attempt (connection errors, 408/409/429/5xx when safe). Default 2; 0 turns retries off. */
  maxRetries?: number | undefined;
  /** Milliseconds per attempt, including reading the body. Default 60 000; 0 turns the timeout off. */
  timeout?: number | undefined;
  /**
   * Client-side rate limit (requests are queued, not failed). Defaults to the provider's documented
   * limit, if any; `false` turns it off. Applies per client instance.
   */
  rateLimit?: RateLimitDefinition | false | undefined;
  /** Largest response body accepted, in bytes. Default 50 MiB. */
  maxResponseBytes?: number | undefined;
  /** Log each attempt (method, URL, status, attempt, duration; redacted). `true` → stderr. Env: `SPECSDK_DEBUG=1`. */
  debug?: DebugOption;
  /**
   * Allow sending the credential over plain `http://` to a host that is not loopback.
   * Off by default: a typo in `baseUrl` must not leak a key to the network in clear text.
   */
  allowInsecureHttp?: boolean | undefined;
}

/** Per-call options: the second argument of named methods; raw calls accept `timeout`/`maxRetries` in their init. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  /** Overrides the client's `timeout` for this call. */
  timeout?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
}

export interface ResolvedClientOptions {
  apiKey: string;
  baseUrl: string;
  fetch: FetchFunction;
  headers: Record<string, string>;
  maxRetries: number;
  timeout: number;
  rateLimit: RateLimitDefinition | undefined;
  maxResponseBytes: number;
  debug: DebugOption;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith("127.") || hostname.endsWith(".localhost");
}

function readEnv(name: string): string | undefined {
  // `process` does not exist in browsers; the env fallback is a Node convenience only.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name];
}

/** Checks a numeric option; the error names the option and the value. */
export function checkCount(
  displayName: string,
  option: string,
  value: number | undefined,
  fallback: number,
  { integer }: { integer: boolean },
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new ClientConfigurationError(
      `${displayName} client: \`${option}\` must be a ${integer ? "whole number" : "number"} ≥ 0, got ${String(value)}`,
    );
  }
  return value;
}

function resolveBaseUrl(provider: ProviderDefinition, options: ClientOptions): string {
  const baseUrl = (options.baseUrl ?? provider.defaultBaseUrl).replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ClientConfigurationError(
      `${provider.displayName} client: \`baseUrl\` ${JSON.stringify(baseUrl)} is not an absolute URL`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ClientConfigurationError(
      `${provider.displayName} client: \`baseUrl\` must use http or https, got ${url.protocol}`,
    );
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !options.allowInsecureHttp) {
    throw new ClientConfigurationError(
      `${provider.displayName} client: refusing to send the API key over plain http to ${url.host}; use https or pass allowInsecureHttp: true`,
    );
  }
  return baseUrl;
}

function resolveRateLimit(
  provider: ProviderDefinition,
  option: ClientOptions["rateLimit"],
): RateLimitDefinition | undefined {
  if (option === false) return undefined;
  const limit = option ?? provider.rateLimit;
  if (limit === undefined) return undefined;
  if (!(Number.isInteger(limit.requests) && limit.requests >= 1 && limit.perMilliseconds > 0)) {
    throw new ClientConfigurationError(
      `${provider.displayName} client: \`rateLimit\` needs a whole number of requests ≥ 1 and perMilliseconds > 0`,
    );
  }
  return limit;
}

/**
 * Checks every header the client sends on each call (credential and caller's) once, at creation:
 * a value `Headers` refuses (a character above U+00FF, CR, LF, NUL) would otherwise fail every call
 * with undici's TypeError, which quotes the value, the API key included.
 */
export function checkClientHeaders(name: string, headers: Record<string, string>, apiKey: string): void {
  for (const [header, value] of Object.entries(headers)) {
    try {
      new Headers().set(header, value);
    } catch {
      const what = value.includes(apiKey)
        ? `the API key (sent in the "${header}" header) contains characters`
        : `header "${header}" has a name or value with characters`;
      throw new ClientConfigurationError(
        `${name} client: ${what} that cannot be sent in HTTP (a header value must be Latin-1 text without CR, LF or NUL; a name must be a token).`,
      );
    }
  }
}

/** Validates options once, at client creation, so mistakes surface before any request. */
export function resolveClientOptions(provider: ProviderDefinition, options: ClientOptions = {}): ResolvedClientOptions {
  const { envVar } = provider.auth;
  const name = provider.displayName;
  const apiKey = options.apiKey ?? readEnv(envVar);
  if (apiKey === undefined || apiKey.trim() === "") {
    throw new ClientConfigurationError(
      `${name} client: missing API key. Pass the \`apiKey\` option or set the ${envVar} environment variable.`,
    );
  }
  const userFetch = options.fetch;
  return {
    apiKey,
    baseUrl: resolveBaseUrl(provider, options),
    // Resolve globalThis.fetch per call so test doubles and polyfills installed later are honoured.
    fetch: userFetch ?? ((request, init) => globalThis.fetch(request, init)),
    headers: { ...options.headers },
    maxRetries: checkCount(name, "maxRetries", options.maxRetries, DEFAULT_RETRY_POLICY.maxRetries, { integer: true }),
    timeout: checkCount(name, "timeout", options.timeout, DEFAULT_TIMEOUT_MS, { integer: false }),
    rateLimit: resolveRateLimit(provider, options.rateLimit),
    maxResponseBytes: checkCount(name, "maxResponseBytes", options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, {
      integer: true,
    }),
    debug: options.debug,
  };
}
