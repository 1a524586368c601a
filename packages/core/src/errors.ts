/**
 * One error hierarchy for every provider package.
 *
 * Named methods throw these; raw openapi-fetch calls (`client.POST(...)`) keep returning
 * `{ data, error, response }` and never throw for HTTP errors.
 * Nothing here ever holds a credential: URLs are stored after redaction and request bodies are
 * not kept at all.
 */

/** A problem reported by the server about one input field (normalised across API styles). */
export interface FieldProblem {
  /** Where the problem is, e.g. `"image_name"` or `"body.request_id"`. */
  readonly field: string;
  readonly message: string;
}

export interface ApiErrorInit<TBody = unknown> {
  status: number;
  message: string;
  method: string;
  url: string;
  headers: Headers;
  body: TBody;
  rawBody?: string | undefined;
  fieldProblems?: readonly FieldProblem[] | undefined;
}

/** Base class of every error a specsdk client throws. */
export class SpecSdkError extends Error {
  override name = "SpecSdkError";
}

/** The client refused to send a request (bad input or unsafe configuration). Nothing was sent. */
export class ClientConfigurationError extends SpecSdkError {
  override name = "ClientConfigurationError";
}

/** A path parameter would have changed which URL the request hits. Nothing was sent. */
export class UnsafePathParameterError extends ClientConfigurationError {
  override name = "UnsafePathParameterError";
  constructor(
    message: string,
    readonly parameter: string,
  ) {
    super(message);
  }
}

/** The server answered with an error status, or with an error body the provider marks as such. */
export class ApiError<TBody = unknown> extends SpecSdkError {
  override name = "ApiError";
  /** HTTP status code (may be 2xx when the provider signals errors in the body). */
  readonly status: number;
  /** Decoded response body (JSON when it parsed; otherwise the raw text). */
  readonly body: TBody;
  /** The body as text when it was not valid JSON (an HTML error page, a truncated body). */
  readonly rawBody: string | undefined;
  readonly headers: Headers;
  /** `x-request-id` of the response, when the server sent one. */
  readonly requestId: string | undefined;
  readonly method: string;
  /** Request URL with credentials redacted. */
  readonly url: string;
  /** Field-level problems (422 validation errors), normalised to `{ field, message }`. */
  readonly fieldProblems: readonly FieldProblem[];

  constructor(init: ApiErrorInit<TBody>) {
    super(init.message);
    this.status = init.status;
    this.body = init.body;
    this.rawBody = init.rawBody;
    this.headers = init.headers;
    this.requestId = init.headers.get("x-request-id") ?? undefined;
    this.method = init.method;
    this.url = init.url;
    this.fieldProblems = init.fieldProblems ?? [];
  }

  /** Plain data for logs: `JSON.stringify(error)` shows status, ids and body, never secrets. */
  toJSON() {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      body: this.body,
      fieldProblems: this.fieldProblems,
    };
  }
}

export class BadRequestError<TBody = unknown> extends ApiError<TBody> {
  override name = "BadRequestError";
}
export class AuthenticationError<TBody = unknown> extends ApiError<TBody> {
  override name = "AuthenticationError";
}
export class PermissionDeniedError<TBody = unknown> extends ApiError<TBody> {
  override name = "PermissionDeniedError";
}
export class NotFoundError<TBody = unknown> extends ApiError<TBody> {
  override name = "NotFoundError";
}
export class ConflictError<TBody = unknown> extends ApiError<TBody> {
  override name = "ConflictError";
}
export class UnprocessableEntityError<TBody = unknown> extends ApiError<TBody> {
  override name = "UnprocessableEntityError";
}
export class RateLimitError<TBody = unknown> extends ApiError<TBody> {
  override name = "RateLimitError";
}
export class InternalServerError<TBody = unknown> extends ApiError<TBody> {
  override name = "InternalServerError";
}

/** The request never got a complete response (DNS, refused, reset, body cut off). */
export class ApiConnectionError extends SpecSdkError {
  override name = "ApiConnectionError";
  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The attempt took longer than the configured `timeout`. */
export class ApiTimeoutError extends ApiConnectionError {
  override name = "ApiTimeoutError";
}

type ApiErrorClass = new (init: ApiErrorInit<unknown>) => ApiError<unknown>;

const errorClassByStatus: Readonly<Record<number, ApiErrorClass>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** Builds the most specific error class for a status. */
export function createApiError(init: ApiErrorInit<unknown>): ApiError<unknown> {
  const ErrorClass = init.status >= 500 ? InternalServerError : (errorClassByStatus[init.status] ?? ApiError);
  return new ErrorClass(init);
}

/** The response body was larger than `maxResponseBytes`; it was not read further. Not retried. */
export class ResponseTooLargeError extends SpecSdkError {
  override name = "ResponseTooLargeError";
  constructor(
    readonly limit: number,
    readonly url: string,
  ) {
    super(`Response from ${url} is larger than maxResponseBytes (${limit} bytes)`);
  }
}
