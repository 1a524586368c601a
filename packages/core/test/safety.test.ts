/**
 * Where credentials must not go, over real sockets: redirects, echoed secrets, values that would
 * make undici quote them, and listeners left behind on a caller's signal.
 */
import { getEventListeners } from "node:events";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createProviderClient } from "../src/create-client.js";
import { createRedactor } from "../src/credentials.js";
import { type ApiError, BadRequestError, ClientConfigurationError } from "../src/errors.js";
import { faultServerForFile } from "./fault-server-suite.js";
import { FIXTURE_KEY, fixtureClient, fixtureProvider, keyedClient } from "./fixture-provider.js";

const server = await faultServerForFile();
const other = await faultServerForFile();

async function failure(call: () => Promise<unknown>): Promise<Error> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to fail");
}

describe("redirects", () => {
  it.each([
    ["in the body", { in: "body", name: "key" }],
    ["in a custom header", { in: "header", name: "X-Api-Key" }],
  ] as const)(
    "a key %s is never re-sent: a 307 to another origin is handed back, not followed",
    async (_, placement) => {
      server.script({ kind: "respond", status: 307, headers: { location: `${other.url}/delete` } });
      const error = (await failure(() => keyedClient(placement, server.url).deleteThing({ id: 1 }))) as ApiError;
      expect(error.status).toBe(307);
      expect(error.message).toMatch(/redirect to http:\/\/127\.0\.0\.1:\d+\/delete not followed/);
      expect(other.requests).toHaveLength(0);
      expect(server.requests).toHaveLength(1);
      const raw = await keyedClient(placement, server.url).POST("/delete", { body: { id: 1 } });
      expect(raw.response.status).toBe(307);
      expect(raw.error).toBeTruthy();
      expect(other.requests).toHaveLength(0);
    },
  );

  it("a bearer token is dropped by fetch when a redirect leaves the origin", async () => {
    server.script({ kind: "respond", status: 307, headers: { location: `${other.url}/items/1` } });
    await fixtureClient(server.url).deleteItem({ id: "1" });
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${FIXTURE_KEY}`);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe("secrets in responses", () => {
  const key = "sk_live/abc+def=1234";
  const base64 = Buffer.from(key).toString("base64");

  it("error headers drop credential headers and redact the key, its encodings and truncated echoes", async () => {
    server.script({
      kind: "respond",
      status: 400,
      headers: {
        "x-echo": key,
        "x-truncated": key.slice(0, -1),
        "x-tail": `...${key.slice(6)}`,
        "x-url": encodeURIComponent(key),
        "x-b64": base64,
        "set-cookie": "session=abc",
        "www-authenticate": `Bearer realm="${key}"`,
        "x-request-id": "req_7",
      },
      body: { message: `bad key ${key.slice(0, 12)}` },
    });
    const error = (await failure(() => fixtureClient(server.url, { apiKey: key }).deleteItem({ id: "1" }))) as ApiError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.headers.get("set-cookie")).toBeNull();
    expect(error.headers.get("x-request-id")).toBe("req_7");
    expect(error.headers.get("x-echo")).toBe("[redacted]");
    expect(error.headers.get("x-truncated")).toBe("[redacted]");
    const everything = [
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      error.message,
      JSON.stringify([...error.headers]),
    ].join("\n");
    for (const form of [key, key.slice(0, -1), key.slice(0, 12), key.slice(6), encodeURIComponent(key), base64]) {
      expect(everything).not.toContain(form);
    }
  });

  it("the redactor catches whole keys, encodings and ≥ 8-character truncations from either end, nothing shorter", () => {
    const redact = createRedactor("abcdefghijklmnop");
    expect(redact("x abcdefghijklmnop y")).toBe("x [redacted] y");
    expect(redact("x abcdefgh y")).toBe("x [redacted] y");
    expect(redact("x ijklmnop y")).toBe("x [redacted] y");
    expect(redact("x abcdefg y")).toBe("x abcdefg y");
    expect(redact(`x ${btoa("abcdefghijklmnop")} y`)).toBe("x [redacted] y");
    expect(createRedactor("a/b c+d=ef")(`q=${encodeURIComponent("a/b c+d=ef")}`)).toBe("q=[redacted]");
  });
});

describe("values that would be quoted by undici are refused by name", () => {
  it.each([
    [
      "a call's header",
      (client: ReturnType<typeof fixtureClient>) =>
        client.deleteItem({ id: "1" }, { headers: { "X-Trace": "a\r\nInjected: 1" } }),
      /header "X-Trace" in `headers`/,
    ],
    [
      "a raw call's header",
      (client: ReturnType<typeof fixtureClient>) =>
        client.DELETE("/items/{id}", {
          params: { path: { id: "1" } },
          headers: { Authorization: `Bearer ${FIXTURE_KEY}\nX-Injected: 1` },
        }),
      /the API key \(sent in the "Authorization" header\)/,
    ],
    [
      "a header parameter",
      (client: ReturnType<typeof fixtureClient>) =>
        client.DELETE("/items/{id}", { params: { path: { id: "1" }, header: { "X-Note": "é\u0100" } } as never }),
      /header "X-Note" in `params.header`/,
    ],
  ])("%s with CR/LF or non-Latin-1 text", async (_, call, message) => {
    const error = await failure(() => call(fixtureClient(server.url)));
    expect(error).toBeInstanceOf(ClientConfigurationError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("Injected");
    expect(error.message).not.toContain(FIXTURE_KEY);
    expect(server.requests).toHaveLength(0);
  });

  it("a baseUrl with a user name or password, for the client or one call", async () => {
    const creation = await failure(async () => fixtureClient("http://user:hunter2@127.0.0.1:1"));
    expect(creation).toBeInstanceOf(ClientConfigurationError);
    expect(creation.message).toMatch(/`baseUrl` must not contain a user name or password/);
    expect(creation.message).not.toContain("hunter2");
    const call = await failure(() =>
      fixtureClient(server.url).DELETE("/items/{id}", {
        params: { path: { id: "1" } },
        baseUrl: `http://user:hunter2@${new URL(server.url).host}`,
      }),
    );
    expect(call.message).not.toContain("hunter2");
    expect(server.requests).toHaveLength(0);
  });
});

describe("servers from the spec", () => {
  it("an operation's own plain-http server is refused like the client's, before anything is sent", async () => {
    const provider = {
      ...fixtureProvider,
      operations: {
        deleteItem: { ...fixtureProvider.operations.deleteItem, serverUrl: "http://elsewhere.example.com" },
      },
    };
    const client = createProviderClient<{}, { deleteItem(input: { id: string }): Promise<unknown> }>(provider, {
      apiKey: FIXTURE_KEY,
    });
    const error = await failure(() => client.deleteItem({ id: "1" }));
    expect(error).toBeInstanceOf(ClientConfigurationError);
    expect(error.message).toMatch(/refusing to send the API key over plain http to elsewhere\.example\.com/);
  });
});

describe("listeners", () => {
  it("calls queued behind the rate limit leave no listener on a shared signal, and no warning", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const shared = new AbortController().signal;
      const client = fixtureClient(server.url, { rateLimit: { requests: 20, perMilliseconds: 40 } });
      await Promise.all(
        Array.from({ length: 300 }, (_, i) => client.deleteItem({ id: String(i) }, { signal: shared })),
      );
      expect(getEventListeners(shared, "abort")).toHaveLength(0);
      expect(server.requests).toHaveLength(300);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((warning) => warning.name === "MaxListenersExceededWarning")).toEqual([]);
  });
});
