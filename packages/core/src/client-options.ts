import { ClientConfigurationError } from "./errors.js";
import type { ProviderDefinition } from "./provider-definition.js";

export type FetchFunction = (request: Request) => Promise<Response>;

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
  /**
   * Allow sending the credential over plain `http://` to a host that is not loopback.
   * Off by default: a typo in `baseUrl` must not leak a key to the network in clear text.
   */
  allowInsecureHttp?: boolean | undefined;
}

/** Per-call options of named methods. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
}

export interface ResolvedClientOptions {
  apiKey: string;
  baseUrl: string;
  fetch: FetchFunction;
  headers: Record<string, string>;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith("127.") || hostname.endsWith(".localhost");
}

function readEnv(name: string): string | undefined {
  // `process` does not exist in browsers; the env fallback is a Node convenience only.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[name];
}

function resolveBaseUrl(provider: ProviderDefinition, options: ClientOptions): string {
  const baseUrl = (options.baseUrl ?? provider.defaultBaseUrl).replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ClientConfigurationError(
      `${provider.displayName} client: baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ClientConfigurationError(
      `${provider.displayName} client: baseUrl must use http or https, got ${url.protocol}`,
    );
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname) && !options.allowInsecureHttp) {
    throw new ClientConfigurationError(
      `${provider.displayName} client: refusing to send the API key over plain http to ${url.host}; use https or pass allowInsecureHttp: true`,
    );
  }
  return baseUrl;
}

/** Validates options once, at client creation, so mistakes surface before any request. */
export function resolveClientOptions(provider: ProviderDefinition, options: ClientOptions = {}): ResolvedClientOptions {
  const { envVar } = provider.auth;
  const apiKey = options.apiKey ?? readEnv(envVar);
  if (apiKey === undefined || apiKey.trim() === "") {
    throw new ClientConfigurationError(
      `${provider.displayName} client: missing API key. Pass the \`apiKey\` option or set the ${envVar} environment variable.`,
    );
  }
  const userFetch = options.fetch;
  return {
    apiKey,
    baseUrl: resolveBaseUrl(provider, options),
    // Resolve globalThis.fetch per call so test doubles and polyfills installed later are honoured.
    fetch: userFetch ?? ((request) => globalThis.fetch(request)),
    headers: { ...options.headers },
  };
}
