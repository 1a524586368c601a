import { afterEach, describe, expect, it, vi } from "vitest";
import { resolveClientOptions } from "../src/client-options.js";
import { createRedactor } from "../src/credentials.js";
import { createDebugLog, type DebugOption } from "../src/debug-log.js";
import type { ProviderDefinition } from "../src/provider-definition.js";

const redact = createRedactor("sk-secret-123456");
const provider: ProviderDefinition = {
  name: "acme",
  displayName: "Acme",
  defaultBaseUrl: "https://api.acme.test",
  auth: { placement: { in: "bearer" } },
  operations: {},
};

/** The logger a client gets for its `debug` option: the option resolved (the environment read), then the sink made. */
function debugLogFor(debug: DebugOption) {
  return createDebugLog(resolveClientOptions(provider, { apiKey: "k", debug }).debug, "acme", redact);
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("createDebugLog", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["0", false],
    ["false", false],
    ["1", true],
    ["yes", true],
  ])("SPECSDK_DEBUG=%j turns logging on: %s", (value, on) => {
    if (value === undefined) vi.stubEnv("SPECSDK_DEBUG", undefined as unknown as string);
    else vi.stubEnv("SPECSDK_DEBUG", value);
    expect(debugLogFor(undefined) !== undefined).toBe(on);
  });

  it("the option wins over the environment", () => {
    vi.stubEnv("SPECSDK_DEBUG", "1");
    expect(debugLogFor(false)).toBeUndefined();
    vi.stubEnv("SPECSDK_DEBUG", "0");
    expect(debugLogFor(true)).toBeTypeOf("function");
  });

  it("true writes to stderr, a function receives the lines; both prefixed and redacted", () => {
    const stderr = vi.spyOn(console, "error").mockImplementation(() => {});
    createDebugLog(true, "acme", redact)?.("GET /x?key=sk-secret-123456");
    expect(stderr).toHaveBeenCalledWith("[specsdk:acme] GET /x?key=[redacted]");
    const lines: string[] = [];
    createDebugLog((line) => lines.push(line), "acme", redact)?.("retry 1 after sk-secret-123456");
    expect(lines).toEqual(["[specsdk:acme] retry 1 after [redacted]"]);
    expect(stderr).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["no `process` (a browser)", undefined],
    ["a `process` without `env` (some edge runtimes)", {}],
  ])("with %s, logging is off by default, not a crash", (_, process) => {
    vi.stubGlobal("process", process);
    let log: unknown;
    try {
      log = debugLogFor(undefined);
    } finally {
      vi.unstubAllGlobals(); // at once: the test runner itself needs `process`
    }
    expect(log).toBeUndefined();
  });
});
