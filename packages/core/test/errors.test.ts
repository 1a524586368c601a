import { describe, expect, it } from "vitest";
import { createRedactor } from "../src/credentials.js";
import { errorFromResponse, normaliseFieldProblems } from "../src/error-from-response.js";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  createApiError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../src/errors.js";
import type { ProviderDefinition } from "../src/provider-definition.js";
import { responseAt } from "./response-at.js";

const provider: ProviderDefinition = {
  name: "example",
  displayName: "Example",
  defaultBaseUrl: "https://api.example.test",
  auth: { envVar: "EXAMPLE_API_KEY", placement: { in: "query", name: "api_key" } },
  operations: {},
};

function init(status: number) {
  return { status, message: "m", method: "GET", url: "https://x.test/", headers: new Headers(), body: undefined };
}

describe("error classes", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ] as const)("status %i → %o", (status, ErrorClass) => {
    const error = createApiError(init(status));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(ErrorClass.name);
  });

  it("an undocumented status is a plain ApiError", () => {
    const error = createApiError(init(418));
    expect(error.constructor).toBe(ApiError);
  });

  it("reads the request id from x-request-id", () => {
    const error = createApiError({ ...init(500), headers: new Headers({ "x-request-id": "req_123" }) });
    expect(error.requestId).toBe("req_123");
  });
});

describe("errorFromResponse", () => {
  it("redacts the key from the URL, the message and JSON.stringify", () => {
    const secret = "sk-very-secret";
    const error = errorFromResponse({
      provider,
      method: "get",
      response: responseAt(`https://api.example.test/things?api_key=${secret}`, null, { status: 400 }),
      body: { message: `bad key ${secret}` },
      redact: createRedactor(secret),
    });
    expect(error.url).not.toContain(secret);
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(error.body).toEqual({ message: "bad key [redacted]" });
    expect(error.message).toBe("Example API error 400 on GET /things: bad key [redacted]");
  });

  it("normalises both validation error shapes", () => {
    expect(normaliseFieldProblems({ errors: [{ param: "image_name", details: "too long" }] })).toEqual([
      { field: "image_name", message: "too long" },
    ]);
    expect(normaliseFieldProblems({ detail: [{ loc: ["path", "image_tag"], msg: "field required" }] })).toEqual([
      { field: "path.image_tag", message: "field required" },
    ]);
  });
});
