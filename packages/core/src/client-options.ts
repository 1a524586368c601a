import type { DebugOption } from "./debug-log.js";
import { ClientConfigurationError } from "./errors.js";
import type { ProviderDefinition, RateLimitDefinition } from "./provider-definition.js";
import { DEFAULT_MAX_RETRIES } from "./retry-policy.js";

/**
 * A `fetch`: called with the Request openapi-fetch built and an init holding the attempt's
 * `signal`. Pass the init on (`fetch(request, init)`) so a timeout or abort also stops the network
 * work; the call fails on time either way.
 */
export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

/** Options accepted by every generated `create<Provider>Client()` factory. */
export interface ClientOptions {
  /** API key. Defaults to the provider's environment variable (e.g. `MODELSLAB_API_KEY`); keyless APIs take none. */
  apiKey?: string | undefined;
  /** Overrides the server URL from the spec (tests point this at a Prism mock). */
  baseUrl?: string | undefined;
  /** A `fetch` implementation; defaults to `globalThis.fetch` at call time. */
  fetch?: FetchFunction | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Retries after the first attempt (connection errors, 408/409/429/5xx when safe). Default 2; 0 turns retries off. */
  maxRetries?: number | undefined;
  /**
   * Milliseconds per attempt: until the whole body is read, or until the headers for a streamed
   * response. Default 60 000; 0 turns the timeout off.
   */
  timeout?: number | undefined;
  /** Milliseconds a streamed response may stay silent between chunks. Default 0: no limit. */
  idleTimeout?: number | undefined;
  /**
   * Client-side rate limit (requests are queued, not failed): `{ requests, perMilliseconds }`.
   * Defaults to the provider's documented limit, if any; `false` turns it off. Applies per client.
   */
  rateLimit?: RateLimitDefinition | false | undefined;
  /** Largest response body read into memory, in bytes (streams are not capped). Default 50 MiB. */
  maxResponseBytes?: number | undefined;
  /** Log each attempt (method, URL, status, attempt, duration; redacted). `true` → stderr. Env: `SPECSDK_DEBUG=1`. */
  debug?: DebugOption;
  /**
   * Allow sending the credential over plain `http://` to a host that is not loopback.
   * Off by default: a typo in `baseUrl` must not leak a key to the network in clear text.
   */
  allowInsecureHttp?: boolean | undefined;
}

/** Per-call options: the second argument of named methods; raw calls accept them in their init. */
export interface CallOptions {
  /** Aborting it rejects the call with `ApiUserAbortError` (and ends a stream). */
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  /** Overrides the client's `timeout` for this call. */
  timeout?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
}

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith("127.") || hostname.endsWith(".localhost");
}

function readEnv(name: string): string | undefined {
  // `process` does not exist in browsers; the env fallback is a Node convenience only.
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

/** An environment switch: set, and not empty, `0` or `false`. */
function isOn(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

function refuse(provider: ProviderDefinition, problem: string): never {
  throw new ClientConfigurationError(`${provider.displayName} client: ${problem}`);
}

/** Checks a numeric option; the error names the option and the value. */
export function checkCount(
  provider: ProviderDefinition,
  option: string,
  value: number | undefined,
  fallback: number,
  integer = true,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    refuse(provider, `\`${option}\` must be a ${integer ? "whole number" : "number"} ≥ 0, got ${String(value)}`);
  }
  return value;
}

/**
 * Checks a server URL (the client's, or a call's own `baseUrl`): absolute http(s), no user:password
 * (every error would quote it), and no plain http to a remote host unless allowed.
 */
export function checkBaseUrl(provider: ProviderDefinition, baseUrl: string, allowInsecureHttp: boolean): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  if (url?.protocol !== "https:" && url?.protocol !== "http:") {
    refuse(provider, "`baseUrl` must be an absolute http or https URL");
  }
  if (url.username !== "" || url.password !== "") {
    refuse(provider, "`baseUrl` must not contain a user name or password; pass the key as `apiKey`");
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecureHttp) {
    refuse(provider, `refusing to send the API key over plain http to ${url.host}; use https or allowInsecureHttp`);
  }
  return baseUrl.replace(/\/+$/, "");
}

/**
 * Checks headers before they are sent: a value `Headers` refuses (CR, LF, NUL, a character above
 * U+00FF) would otherwise fail with undici's TypeError, which quotes the value (the key included).
 * The error names the header and where it came from, never the value.
 */
export function checkHeaders(
  provider: ProviderDefinition,
  headers: Record<string, unknown>,
  option: string,
  apiKey: string,
): void {
  for (const header in headers) {
    const value = headers[header];
    if (value === undefined || value === null) continue;
    try {
      new Headers().set(header, String(value));
    } catch {
      refuse(
        provider,
        String(value).includes(apiKey) && apiKey !== ""
          ? `the API key (sent in the "${header}" header) contains characters that cannot be sent in HTTP`
          : `header "${header}" in \`${option}\` has a name or value that cannot be sent in HTTP (CR, LF, NUL or non-Latin-1 characters)`,
      );
    }
  }
}

function resolveRateLimit(
  provider: ProviderDefinition,
  option: ClientOptions["rateLimit"],
): RateLimitDefinition | undefined {
  const limit = option === false ? undefined : (option ?? provider.rateLimit);
  if (limit && !(Number.isInteger(limit.requests) && limit.requests >= 1 && limit.perMilliseconds > 0)) {
    refuse(provider, "`rateLimit` needs a whole number of `requests` ≥ 1 and `perMilliseconds` > 0");
  }
  return limit;
}

/** The client options with defaults filled in and every value checked. */
export type ResolvedOptions = ReturnType<typeof resolveClientOptions>;

/** Validates options once, at client creation, so mistakes surface before any request. */
export function resolveClientOptions(provider: ProviderDefinition, options: ClientOptions = {}) {
  const { envVar, placement } = provider.auth;
  const keyless = placement.in === "none";
  const apiKey = options.apiKey ?? (envVar === undefined ? undefined : readEnv(envVar)) ?? "";
  if (apiKey.trim() === "" && !keyless) {
    refuse(provider, `missing API key. Pass the \`apiKey\` option or set the ${envVar} environment variable.`);
  }
  // Plain http matters only when there is a key to leak.
  const allowInsecureHttp = options.allowInsecureHttp === true || keyless;
  return {
    apiKey,
    baseUrl: checkBaseUrl(provider, options.baseUrl ?? provider.defaultBaseUrl, allowInsecureHttp),
    // Resolved per call so test doubles and polyfills installed later are honoured.
    fetch: options.fetch ?? ((request: Request, init?: RequestInit) => globalThis.fetch(request, init)),
    headers: { ...options.headers },
    maxRetries: checkCount(provider, "maxRetries", options.maxRetries, DEFAULT_MAX_RETRIES),
    timeout: checkCount(provider, "timeout", options.timeout, 60_000, false),
    idleTimeout: checkCount(provider, "idleTimeout", options.idleTimeout, 0, false),
    rateLimit: resolveRateLimit(provider, options.rateLimit),
    maxResponseBytes: checkCount(provider, "maxResponseBytes", options.maxResponseBytes, 50 * 1024 * 1024),
    debug: options.debug ?? isOn(readEnv("SPECSDK_DEBUG")),
    allowInsecureHttp,
  };
}
