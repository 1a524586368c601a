import { spawn } from "node:child_process";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { repoRoot } from "../src/shared/repo-paths.js";
import { type LoopbackServer, type ReceivedRequest, type Route, startLoopbackServer } from "./loopback-server.js";

// `pnpm test:live` end to end, as a child process, with loopback servers standing in for the real
// APIs: the mechanism (Prism proxy → upstream → contract assertion) is real, no provider is contacted.

const PRIME_KEY = "pk-live-test-secret-0123456789";
const MODELSLAB_KEY = "ml-live-test-secret-9876543210";
const INVALID_PRIME_KEY = "specsdk-live-check-invalid-key"; // what the Prime Intellect live test sends

let prime: LoopbackServer;
let modelslab: LoopbackServer;
beforeAll(async () => {
  prime = await startLoopbackServer();
  modelslab = await startLoopbackServer();
});
afterAll(async () => {
  await prime.close();
  await modelslab.close();
});
beforeEach(() => {
  for (const server of [prime, modelslab]) server.received.length = 0;
});

const json = (status: number, body: unknown): Route => ({ status, body: JSON.stringify(body) });

/** Prime Intellect as documented: 401 with an empty body for a bad key, else `{ success, message }`. */
const primeAnswering =
  (success: unknown) =>
  (request: ReceivedRequest): Route =>
    request.headers.authorization === `Bearer ${INVALID_PRIME_KEY}`
      ? { status: 401, body: "" }
      : json(200, { success, message: "deleted" });

/** Runs `pnpm test:live` (its CLI) with only the given keys and upstreams in the environment. */
function testLive(args: string[], vars: Record<string, string>): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // Never inherit a maintainer's real keys or upstreams: this test must not reach a real API.
    if (!/^(PRIME_API_KEY|MODELSLAB_API_KEY|SPECSDK_LIVE_|FORCE_COLOR)/.test(name)) env[name] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(repoRoot, "node_modules/.bin/tsx"),
      [join(repoRoot, "scripts/src/cli/test-live.ts"), ...args],
      { cwd: repoRoot, env: { ...env, ...vars, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output: stripVTControlCharacters(output) }));
  });
}

const lastLine = (output: string) => output.trimEnd().split("\n").at(-1);

describe("pnpm test:live", () => {
  it("without API keys: every live test is reported skipped, nothing is sent, exit 0", async () => {
    const { code, output } = await testLive([], {
      SPECSDK_LIVE_UPSTREAM_PRIMEINTELLECT: prime.url,
      SPECSDK_LIVE_UPSTREAM_MODELSLAB: modelslab.url,
    });
    expect(output).toContain("primeintellect: PRIME_API_KEY is not set, so its live contract tests are skipped");
    expect(output).toContain("modelslab: MODELSLAB_API_KEY is not set, so its live contract tests are skipped");
    expect(lastLine(output)).toBe("0 passed, 0 failed, 3 skipped");
    expect(code).toBe(0);
    expect(prime.received).toEqual([]);
    expect(modelslab.received).toEqual([]);
  });

  it("an upstream that answers as the spec says passes; requests really went through the proxy with the key", async () => {
    prime.fallback = primeAnswering(true);
    const { code, output } = await testLive(["primeintellect"], {
      PRIME_API_KEY: PRIME_KEY,
      SPECSDK_LIVE_UPSTREAM_PRIMEINTELLECT: prime.url,
    });
    expect(output).toContain(`primeintellect: live contract tests through a Prism proxy in front of ${prime.url}`);
    expect(lastLine(output)).toBe("2 passed, 0 failed, 0 skipped");
    expect(code).toBe(0);
    expect(prime.received.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${PRIME_KEY}`,
      `Bearer ${INVALID_PRIME_KEY}`,
    ]);
    expect(prime.received[0]?.url).toMatch(/^\/api\/v1\/images\/specsdk-live-check-[0-9a-f-]+\/never-pushed$/);
    expect(output).not.toContain(PRIME_KEY);
  });

  it("an upstream that violates the spec fails the run, naming each violation, and never prints a key", async () => {
    prime.fallback = primeAnswering("yes"); // `success` must be a boolean
    modelslab.fallback = () => json(200, { status: "deleted", messege: "image deleted" }); // enum: success
    const { code, output } = await testLive([], {
      PRIME_API_KEY: PRIME_KEY,
      MODELSLAB_API_KEY: MODELSLAB_KEY,
      SPECSDK_LIVE_UPSTREAM_PRIMEINTELLECT: prime.url,
      SPECSDK_LIVE_UPSTREAM_MODELSLAB: modelslab.url,
    });
    expect(code).toBe(1);
    expect(output).toContain("Prism reported sl-violations");
    expect(output).toContain("Response body property success must be boolean");
    expect(output).toContain("Response body property status must be equal to one of the allowed values: success");
    expect(lastLine(output)).toBe("1 passed, 2 failed, 0 skipped");
    // The keys did travel (header and body) but appear nowhere in what the run printed.
    expect(prime.received[0]?.headers.authorization).toBe(`Bearer ${PRIME_KEY}`);
    expect(JSON.parse(modelslab.received[0]?.body ?? "{}")).toMatchObject({ key: MODELSLAB_KEY });
    expect(output).not.toContain(PRIME_KEY);
    expect(output).not.toContain(MODELSLAB_KEY);
  });

  it("rejects an unknown provider with exit code 2", async () => {
    const { code, output } = await testLive(["nope"], {});
    expect(code).toBe(2);
    expect(output).toContain("test:live: no spec for nope");
  });
});
