/**
 * One error hierarchy for every provider package.
 *
 * Named methods throw these; raw calls (`client.POST(...)`) return `{ data, error, response }` and
 * throw only what has no response: connection failures, timeouts, aborts, refused input.
 * Nothing here holds a credential: URLs, messages, bodies and headers are redacted before they are
 * stored, and request bodies are not kept at all.
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

/** What `JSON.stringify(apiError)` shows: status, ids and body, never headers or secrets. */
export type ApiErrorJson<TBody = unknown> = Pick<
  ApiError<TBody>,
  "name" | "message" | "status" | "method" | "url" | "requestId" | "body" | "fieldProblems"
>;

/** Base class of every error a specsdk client throws. */
export class SpecSdkError extends Error {
  override name = "SpecSdkError";
}

/** The client refused to send a request (bad option or input). Nothing was sent. */
export class ClientConfigurationError extends SpecSdkError {
  override name = "ClientConfigurationError";
}

/** A path parameter would have changed which URL the request hits. Nothing was sent. */
export class UnsafePathParameterError extends ClientConfigurationError {
  override name = "UnsafePathParameterError";
  declare readonly parameter: string;
  constructor(message: string, parameter: string) {
    super(message);
    this.parameter = parameter;
  }
}

/** The server answered with an error status, or with an error body the provider marks as such. */
export class ApiError<TBody = unknown> extends SpecSdkError {
  override name = "ApiError";
  /** HTTP status code (2xx for an {@link ApiEnvelopeError}). */
  declare readonly status: number;
  /** Decoded response body (JSON when it parsed; otherwise the raw text; `undefined` when empty). */
  declare readonly body: TBody;
  /** The body as text when it was not valid JSON (an HTML error page, a truncated body). */
  declare readonly rawBody: string | undefined;
  /** Response headers, credential headers removed and the API key redacted from the rest. */
  declare readonly headers: Headers;
  /** `x-request-id` of the response, when the server sent one. */
  declare readonly requestId: string | undefined;
  declare readonly method: string;
  /** Request URL with credentials redacted. */
  declare readonly url: string;
  /** Field-level problems (422 validation errors), normalised to `{ field, message }`. */
  declare readonly fieldProblems: readonly FieldProblem[];

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
  toJSON(): ApiErrorJson<TBody> {
    // Listed, not spread: a field added later (or by a caller) is not logged until someone decides it is safe.
    const { name, message, status, method, url, requestId, body, fieldProblems } = this;
    return { name, message, status, method, url, requestId, body, fieldProblems };
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
/** A 2xx response whose body is the provider's error envelope (ModelsLab's `status: "error"`). */
export class ApiEnvelopeError<TBody = unknown> extends ApiError<TBody> {
  override name = "ApiEnvelopeError";
}

/** The request never got a complete response (DNS, refused, reset, body or stream cut off). */
export class ApiConnectionError extends SpecSdkError {
  override name = "ApiConnectionError";
  declare readonly method: string;
  declare readonly url: string;
  constructor(message: string, method: string, url: string, options?: { cause?: unknown }) {
    super(message, options);
    this.method = method;
    this.url = url;
  }
}

/** The attempt took longer than `timeout` (or a stream stayed silent longer than `idleTimeout`). */
export class ApiTimeoutError extends ApiConnectionError {
  override name = "ApiTimeoutError";
}

/** The caller's `signal` aborted the call; its reason is the `cause`. Never retried. */
export class ApiUserAbortError extends SpecSdkError {
  override name = "ApiUserAbortError";
}

/** The response body was larger than `maxResponseBytes`; it was not read further. Not retried. */
export class ResponseTooLargeError extends SpecSdkError {
  override name = "ResponseTooLargeError";
  declare readonly limit: number;
  declare readonly url: string;
  constructor(limit: number, url: string) {
    super(`Response from ${url} is larger than maxResponseBytes (${limit} bytes)`);
    this.limit = limit;
    this.url = url;
  }
}

type ApiErrorClass = new (init: ApiErrorInit) => ApiError;

const classByStatus: Readonly<Record<number, ApiErrorClass>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The most specific error class for a status; a 2xx here can only be an error envelope. */
export function createApiError(init: ApiErrorInit): ApiError {
  const ErrorClass =
    init.status >= 500
      ? InternalServerError
      : init.status >= 200 && init.status < 300
        ? ApiEnvelopeError
        : (classByStatus[init.status] ?? ApiError);
  return new ErrorClass(init);
}
