import { describe, expect, it } from "vitest";
import { createRedactor } from "../src/credentials.js";
import { errorFromResponse, isErrorEnvelope, normaliseFieldProblems } from "../src/error-from-response.js";
import { ApiError, BadRequestError } from "../src/errors.js";
import type { ProviderDefinition } from "../src/provider-definition.js";
import { responseAt } from "./response-at.js";

const SECRET = "sk-live-0123456789abcdef";

function provider(extra: Partial<ProviderDefinition> = {}): ProviderDefinition {
  return {
    name: "example",
    displayName: "Example",
    defaultBaseUrl: "https://api.example.test",
    auth: { envVar: "EXAMPLE_API_KEY", placement: { in: "header", name: "X-Example-Key" } },
    operations: {},
    ...extra,
  };
}

function errorFor(
  body: unknown,
  options: { status?: number; headers?: Record<string, string>; rawBody?: string; url?: string } = {},
  definition = provider(),
) {
  return errorFromResponse({
    provider: definition,
    method: "post",
    response: responseAt(options.url ?? "https://api.example.test/v1/things?x=1", null, {
      status: options.status ?? 400,
      headers: options.headers,
    }),
    body,
    rawBody: options.rawBody,
    redact: createRedactor(SECRET),
  });
}

const SUMMARY = "Example API error 400 on POST /v1/things";

describe("errorFromResponse: the message", () => {
  it.each([
    ["message", { message: "bad input" }, `${SUMMARY}: bad input`],
    ["error", { error: "bad input" }, `${SUMMARY}: bad input`],
    ["detail", { detail: "bad input" }, `${SUMMARY}: bad input`],
    ["message before error and detail", { detail: "d", error: "e", message: "m" }, `${SUMMARY}: m`],
    ["error before detail", { detail: "d", error: "e" }, `${SUMMARY}: e`],
    ["an empty message skipped", { message: "", error: "e" }, `${SUMMARY}: e`],
    ["a non-string message skipped", { message: { text: "x" }, error: "e" }, `${SUMMARY}: e`],
    ["no known field", { code: 7 }, SUMMARY],
    ["an array body", ["a", "b"], SUMMARY],
    ["a number body", 42, SUMMARY],
    ["no body", undefined, SUMMARY],
    ["a text body", "plain failure", `${SUMMARY}: plain failure`],
    ["a blank text body", "  \n ", SUMMARY],
    ["the key echoed back", { message: `key ${SECRET} is revoked` }, `${SUMMARY}: key [redacted] is revoked`],
  ])("%s", (_, body, message) => {
    const error = errorFor(body);
    expect(error.message).toBe(message);
    expect(error).toBeInstanceOf(BadRequestError);
  });

  it("field problems come first, joined, with their field when they have one", () => {
    const error = errorFor({
      message: "ignored",
      errors: [{ param: "name", details: "too long" }, { details: "no field" }, "not a record"],
    });
    expect(error.message).toBe(`${SUMMARY}: name: too long; no field`);
    expect(error.fieldProblems).toEqual([
      { field: "name", message: "too long" },
      { field: "", message: "no field" },
    ]);
  });

  it("the provider's own message fields come before the usual ones", () => {
    const definition = provider({
      errorEnvelope: { field: "status", value: "error", messageFields: ["messege", "tip"] },
    });
    expect(errorFor({ message: "m", tip: "t" }, {}, definition).message).toBe(`${SUMMARY}: t`);
    expect(errorFor({ message: "m", tip: "t", messege: "typo" }, {}, definition).message).toBe(`${SUMMARY}: typo`);
  });

  it("a detail over 300 characters is cut there, with an ellipsis; 300 is kept whole", () => {
    expect(errorFor({ message: "x".repeat(301) }).message).toBe(`${SUMMARY}: ${"x".repeat(300)}…`);
    expect(errorFor({ message: "y".repeat(300) }).message).toBe(`${SUMMARY}: ${"y".repeat(300)}`);
  });

  it("a redirect with a Location says it was not followed, and why; without one, the body speaks", () => {
    const redirect = errorFor({ message: "moved" }, { status: 307, headers: { location: "https://elsewhere.test/x" } });
    expect(redirect.message).toBe(
      "Example API error 307 on POST /v1/things: redirect to https://elsewhere.test/x not followed: the API key would be sent along",
    );
    expect(redirect.constructor).toBe(ApiError);
    expect(errorFor({}, { status: 300, headers: { location: "/z" } }).message).toContain("redirect to /z not followed");
    expect(errorFor({ message: "moved" }, { status: 300 }).message).toBe(
      "Example API error 300 on POST /v1/things: moved",
    );
    expect(errorFor({ message: "m" }, { status: 399, headers: { location: "/y" } }).message).toContain(
      "redirect to /y",
    );
    expect(errorFor({ message: "m" }, { status: 400, headers: { location: "/y" } }).message).toBe(`${SUMMARY}: m`);
    expect(errorFor({ message: "m" }, { status: 299, headers: { location: "/y" } }).message).toBe(
      "Example API error 299 on POST /v1/things: m",
    );
  });

  it("a URL that does not parse is shown as it is, redacted", () => {
    const error = errorFor({ message: "m" }, { url: `/relative?key=${SECRET}` });
    expect(error.message).toBe("Example API error 400 on POST /relative?key=[redacted]: m");
    expect(error.url).toBe("/relative?key=[redacted]");
  });
});

describe("errorFromResponse: the fields", () => {
  it("method upper-cased, body and raw body redacted, no raw body when it was JSON", () => {
    const error = errorFor({ echo: SECRET }, { rawBody: `<html>${SECRET}</html>` });
    expect(error.method).toBe("POST");
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ echo: "[redacted]" });
    expect(error.rawBody).toBe("<html>[redacted]</html>");
    expect(errorFor({ a: 1 }).rawBody).toBeUndefined();
  });

  it("headers: credential headers and the provider's key header dropped (any case), others redacted", () => {
    const error = errorFor(undefined, {
      headers: {
        "x-example-key": SECRET,
        "set-cookie": "session=1",
        authorization: "Bearer x",
        "x-request-id": "req_1",
        "x-echo": `token=${SECRET}`,
      },
    });
    expect([...error.headers]).toEqual([
      ["x-echo", "token=[redacted]"],
      ["x-request-id", "req_1"],
    ]);
    expect(error.requestId).toBe("req_1");
  });

  it("a key in a query parameter keeps a header of that name (only a header key is dropped by name)", () => {
    const definition = provider({ auth: { envVar: "E", placement: { in: "query", name: "x-trace" } } });
    const error = errorFor(undefined, { headers: { "x-trace": "t1" } }, definition);
    expect([...error.headers]).toEqual([["x-trace", "t1"]]);
  });
});

describe("isErrorEnvelope", () => {
  const envelope = { field: "status", value: "error", messageFields: [] };
  it.each([
    [{ status: "error" }, envelope, true],
    [{ status: "success" }, envelope, false],
    [{}, envelope, false],
    [[{ status: "error" }], envelope, false],
    [null, envelope, false],
    ["error", envelope, false],
    [{ status: "error" }, undefined, false],
  ])("%j with %j → %s", (body, definition, expected) => {
    expect(isErrorEnvelope(body, definition)).toBe(expected);
  });
});

describe("normaliseFieldProblems", () => {
  it.each([
    ["not a record", "errors", []],
    ["an array", [{ param: "a", details: "b" }], []],
    ["errors not an array", { errors: "bad" }, []],
    ["detail not an array", { detail: "bad" }, []],
    [
      "items that are not records skipped, missing parts empty",
      { errors: [null, 1, { param: 3 }], detail: [[], { loc: "body" }, { msg: "m" }, { loc: ["q", 0], msg: 5 }] },
      [
        { field: "3", message: "" },
        { field: "body", message: "" },
        { field: "", message: "m" },
        { field: "q.0", message: "5" },
      ],
    ],
  ])("%s", (_, body, problems) => {
    expect(normaliseFieldProblems(body)).toEqual(problems);
  });
});
