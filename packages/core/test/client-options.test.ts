import { afterEach, describe, expect, it, vi } from "vitest";
import { checkBaseUrl, checkCount, checkHeaders, resolveClientOptions } from "../src/client-options.js";
import { ClientConfigurationError } from "../src/errors.js";
import type { ProviderDefinition } from "../src/provider-definition.js";

const provider: ProviderDefinition = {
  name: "acme",
  displayName: "Acme",
  defaultBaseUrl: "https://api.acme.test/v1/",
  auth: { envVar: "ACME_API_KEY", placement: { in: "bearer" } },
  operations: {},
};
const keyless: ProviderDefinition = { ...provider, auth: { placement: { in: "none" } } };

afterEach(() => vi.unstubAllEnvs());

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ClientConfigurationError);
    return (error as Error).message;
  }
  throw new Error("not refused");
}

describe("checkCount", () => {
  it.each([
    [undefined, true, 7],
    [0, true, 0],
    [3, true, 3],
    [2.5, false, 2.5],
  ])("%s (whole: %s) → %s", (value, integer, expected) => {
    expect(checkCount(provider, "opt", value, 7, integer)).toBe(expected);
  });

  it.each([
    [-1, true, "Acme client: `opt` must be a whole number ≥ 0, got -1"],
    [2.5, true, "Acme client: `opt` must be a whole number ≥ 0, got 2.5"],
    [Number.NaN, true, "Acme client: `opt` must be a whole number ≥ 0, got NaN"],
    [Number.POSITIVE_INFINITY, false, "Acme client: `opt` must be a number ≥ 0, got Infinity"],
    ["3", false, "Acme client: `opt` must be a number ≥ 0, got 3"],
    [-0.5, false, "Acme client: `opt` must be a number ≥ 0, got -0.5"],
  ])("refuses %s (whole: %s)", (value, integer, message) => {
    expect(refusal(() => checkCount(provider, "opt", value as number, 7, integer))).toBe(message);
  });
});

describe("checkBaseUrl", () => {
  it.each([
    ["https://api.acme.test/v2///", false, "https://api.acme.test/v2"],
    ["http://localhost:8080", false, "http://localhost:8080"],
    ["http://127.0.0.5:1/", false, "http://127.0.0.5:1"],
    ["http://[::1]:3000", false, "http://[::1]:3000"],
    ["http://app.localhost", false, "http://app.localhost"],
    ["http://api.acme.test", true, "http://api.acme.test"],
  ])("accepts %s (insecure allowed: %s)", (url, insecure, expected) => {
    expect(checkBaseUrl(provider, url, insecure)).toBe(expected);
  });

  it.each([
    ["api.acme.test", "Acme client: `baseUrl` must be an absolute http or https URL"],
    ["ftp://api.acme.test", "Acme client: `baseUrl` must be an absolute http or https URL"],
    [
      "https://user@api.acme.test",
      "Acme client: `baseUrl` must not contain a user name or password; pass the key as `apiKey`",
    ],
    [
      "https://:pw@api.acme.test",
      "Acme client: `baseUrl` must not contain a user name or password; pass the key as `apiKey`",
    ],
    [
      "http://api.acme.test:81",
      "Acme client: refusing to send the API key over plain http to api.acme.test:81; use https or allowInsecureHttp",
    ],
    [
      "http://localhost.evil.test",
      "Acme client: refusing to send the API key over plain http to localhost.evil.test; use https or allowInsecureHttp",
    ],
    [
      "http://128.0.0.1",
      "Acme client: refusing to send the API key over plain http to 128.0.0.1; use https or allowInsecureHttp",
    ],
  ])("refuses %s", (url, message) => {
    expect(refusal(() => checkBaseUrl(provider, url, false))).toBe(message);
  });
});

describe("checkHeaders", () => {
  it("lets sendable values and absent ones through", () => {
    expect(() =>
      checkHeaders(provider, { "X-A": "ok", "X-N": 1, "X-U": undefined, "X-Null": null }, "headers", "k"),
    ).not.toThrow();
  });

  it("names the header and the option, never the value", () => {
    const message = refusal(() => checkHeaders(provider, { "X-Bad": "a\nb" }, "callOptions.headers", "key-123"));
    expect(message).toBe(
      'Acme client: header "X-Bad" in `callOptions.headers` has a name or value that cannot be sent in HTTP (CR, LF, NUL or non-Latin-1 characters)',
    );
    expect(refusal(() => checkHeaders(provider, { "Bad Name": "v" }, "headers", "k"))).toContain('header "Bad Name"');
  });

  it("says it is the API key when the unsendable value carries it", () => {
    expect(refusal(() => checkHeaders(provider, { Authorization: "Bearer k€y" }, "headers", "k€y"))).toBe(
      'Acme client: the API key (sent in the "Authorization" header) contains characters that cannot be sent in HTTP',
    );
    // An empty key is in every string: the header is then named as a header.
    expect(refusal(() => checkHeaders(provider, { "X-Bad": "é€" }, "headers", ""))).toContain('header "X-Bad"');
  });
});

describe("resolveClientOptions", () => {
  it("defaults: the env var's key, the spec's server without trailing slashes, 2 retries, 60 s, no idle timeout, 50 MiB", () => {
    vi.stubEnv("ACME_API_KEY", "from-env");
    const resolved = resolveClientOptions(provider);
    expect(resolved).toMatchObject({
      apiKey: "from-env",
      baseUrl: "https://api.acme.test/v1",
      headers: {},
      maxRetries: 2,
      timeout: 60_000,
      idleTimeout: 0,
      rateLimit: undefined,
      maxResponseBytes: 50 * 1024 * 1024,
      allowInsecureHttp: false,
    });
    expect(resolved.fetch).toBeTypeOf("function");
  });

  it("the option wins over the env var; a blank key is refused with where to put one", () => {
    vi.stubEnv("ACME_API_KEY", "from-env");
    expect(resolveClientOptions(provider, { apiKey: "opt" }).apiKey).toBe("opt");
    expect(refusal(() => resolveClientOptions(provider, { apiKey: "  " }))).toBe(
      "Acme client: missing API key. Pass the `apiKey` option or set the ACME_API_KEY environment variable.",
    );
  });

  it("a keyless provider needs no key and may use plain http anywhere", () => {
    vi.stubEnv("ACME_API_KEY", undefined as unknown as string);
    const resolved = resolveClientOptions(keyless, { baseUrl: "http://api.acme.test" });
    expect(resolved).toMatchObject({ apiKey: "", baseUrl: "http://api.acme.test", allowInsecureHttp: true });
  });

  it("rate limits: the provider's by default, false for none, a valid one of the caller's, else refused", () => {
    const limited = { ...provider, rateLimit: { requests: 5, perMilliseconds: 1000 } };
    expect(resolveClientOptions(limited, { apiKey: "k" }).rateLimit).toEqual({ requests: 5, perMilliseconds: 1000 });
    expect(resolveClientOptions(limited, { apiKey: "k", rateLimit: false }).rateLimit).toBeUndefined();
    expect(
      resolveClientOptions(limited, { apiKey: "k", rateLimit: { requests: 1, perMilliseconds: 1 } }).rateLimit,
    ).toEqual({ requests: 1, perMilliseconds: 1 });
    for (const rateLimit of [
      { requests: 0, perMilliseconds: 1000 },
      { requests: 1.5, perMilliseconds: 1000 },
      { requests: 1, perMilliseconds: 0 },
    ]) {
      expect(refusal(() => resolveClientOptions(provider, { apiKey: "k", rateLimit }))).toBe(
        "Acme client: `rateLimit` needs a whole number of `requests` ≥ 1 and `perMilliseconds` > 0",
      );
    }
  });

  it("headers are copied, and the numeric options checked by name", () => {
    const headers = { "X-A": "1" };
    const resolved = resolveClientOptions(provider, { apiKey: "k", headers, timeout: 1.5, maxRetries: 0 });
    expect(resolved.headers).toEqual(headers);
    expect(resolved.headers).not.toBe(headers);
    expect(resolved).toMatchObject({ timeout: 1.5, maxRetries: 0 });
    expect(refusal(() => resolveClientOptions(provider, { apiKey: "k", maxResponseBytes: 1.5 }))).toContain(
      "`maxResponseBytes` must be a whole number",
    );
    expect(refusal(() => resolveClientOptions(provider, { apiKey: "k", idleTimeout: -1 }))).toContain(
      "`idleTimeout` must be a number ≥ 0",
    );
  });

  it("the default fetch is globalThis.fetch at call time", async () => {
    const resolved = resolveClientOptions(provider, { apiKey: "k" });
    const stub = vi.fn(async () => new Response("late"));
    vi.stubGlobal("fetch", stub);
    try {
      const response = await resolved.fetch(new Request("https://api.acme.test/x"));
      expect(await response.text()).toBe("late");
      expect(stub).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
