import { describe, expect, it } from "vitest";
import * as errors from "../src/errors.js";

const init = (status: number, extra: Partial<errors.ApiErrorInit> = {}): errors.ApiErrorInit => ({
  status,
  message: `status ${status}`,
  method: "GET",
  url: "https://api.example.test/x",
  headers: new Headers(),
  body: { n: 1 },
  ...extra,
});

describe("every error class is named after itself and sits in the hierarchy", () => {
  const classes = Object.entries(errors).filter(
    ([name, value]) => typeof value === "function" && /^[A-Z]\w*Error$/.test(name),
  );

  it("finds the classes", () => {
    expect(classes.map(([name]) => name).sort()).toEqual([
      "ApiConnectionError",
      "ApiEnvelopeError",
      "ApiError",
      "ApiTimeoutError",
      "ApiUserAbortError",
      "AuthenticationError",
      "BadRequestError",
      "ClientConfigurationError",
      "ConflictError",
      "InternalServerError",
      "NotFoundError",
      "PermissionDeniedError",
      "RateLimitError",
      "ResponseTooLargeError",
      "SpecSdkError",
      "UnprocessableEntityError",
      "UnsafePathParameterError",
    ]);
  });

  it.each([
    ["SpecSdkError", () => new errors.SpecSdkError("m"), Error],
    ["ClientConfigurationError", () => new errors.ClientConfigurationError("m"), errors.SpecSdkError],
    ["UnsafePathParameterError", () => new errors.UnsafePathParameterError("m", "p"), errors.ClientConfigurationError],
    ["ApiConnectionError", () => new errors.ApiConnectionError("m", "GET", "u"), errors.SpecSdkError],
    ["ApiTimeoutError", () => new errors.ApiTimeoutError("m", "GET", "u"), errors.ApiConnectionError],
    ["ApiUserAbortError", () => new errors.ApiUserAbortError("m"), errors.SpecSdkError],
    ["ResponseTooLargeError", () => new errors.ResponseTooLargeError(10, "u"), errors.SpecSdkError],
    ["ApiEnvelopeError", () => new errors.ApiEnvelopeError(init(200)), errors.ApiError],
  ] as const)("%s", (name, make, parent) => {
    const error = make();
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(parent);
    expect(String(error)).toBe(`${name}: ${error.message}`);
  });
});

describe("createApiError", () => {
  it.each([
    [200, "ApiEnvelopeError"],
    [299, "ApiEnvelopeError"],
    [300, "ApiError"],
    [199, "ApiError"],
    [400, "BadRequestError"],
    [401, "AuthenticationError"],
    [402, "ApiError"],
    [403, "PermissionDeniedError"],
    [404, "NotFoundError"],
    [409, "ConflictError"],
    [422, "UnprocessableEntityError"],
    [429, "RateLimitError"],
    [499, "ApiError"],
    [500, "InternalServerError"],
    [599, "InternalServerError"],
  ])("%i → %s", (status, name) => {
    const error = errors.createApiError(init(status));
    expect(error.name).toBe(name);
    expect(error.constructor.name).toBe(name);
    expect(error.status).toBe(status);
  });

  it("carries every field; toJSON shows what is safe to log, not headers or the raw body", () => {
    const error = errors.createApiError(
      init(422, {
        headers: new Headers({ "x-request-id": "req_9" }),
        rawBody: "<html>",
        fieldProblems: [{ field: "a", message: "bad" }],
      }),
    );
    expect(error).toMatchObject({
      message: "status 422",
      method: "GET",
      url: "https://api.example.test/x",
      body: { n: 1 },
      rawBody: "<html>",
      requestId: "req_9",
      fieldProblems: [{ field: "a", message: "bad" }],
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "UnprocessableEntityError",
      message: "status 422",
      status: 422,
      method: "GET",
      url: "https://api.example.test/x",
      requestId: "req_9",
      body: { n: 1 },
      fieldProblems: [{ field: "a", message: "bad" }],
    });
    // A field someone adds later (here: a caller's own) is not logged until toJSON lists it.
    Object.assign(error, { requestOptions: { apiKey: "sk-added-later" } });
    expect(JSON.stringify(error)).not.toContain("sk-added-later");
    const bare = errors.createApiError(init(500));
    expect(bare.requestId).toBeUndefined();
    expect(bare.fieldProblems).toEqual([]);
    expect(bare.rawBody).toBeUndefined();
  });

  it("connection and size errors keep what they were about", () => {
    const cause = new Error("ECONNRESET");
    const connection = new errors.ApiTimeoutError("timed out", "POST", "https://x.test/y", { cause });
    expect(connection).toMatchObject({ message: "timed out", method: "POST", url: "https://x.test/y", cause });
    const large = new errors.ResponseTooLargeError(1024, "https://x.test/big");
    expect(large).toMatchObject({
      limit: 1024,
      url: "https://x.test/big",
      message: "Response from https://x.test/big is larger than maxResponseBytes (1024 bytes)",
    });
    expect(new errors.UnsafePathParameterError("m", "image_tag").parameter).toBe("image_tag");
  });
});
