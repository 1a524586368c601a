export type { Middleware } from "openapi-fetch";
export { ApiPromise, type WithResponse } from "./api-promise.js";
export type { CallOptions, ClientOptions, FetchFunction } from "./client-options.js";
export { createProviderClient } from "./create-client.js";
export type { DebugOption, DebugSink } from "./debug-log.js";
export { deepObjectQuery } from "./deep-object-query.js";
export {
  ApiConnectionError,
  ApiEnvelopeError,
  ApiError,
  type ApiErrorInit,
  type ApiErrorJson,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  BadRequestError,
  ClientConfigurationError,
  ConflictError,
  type FieldProblem,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  SpecSdkError,
  UnprocessableEntityError,
  UnsafePathParameterError,
} from "./errors.js";
export { EventStreamPromise, eventStream, type ServerSentEvent } from "./event-stream.js";
export type { Features } from "./named-methods.js";
export type {
  PathsWithOptionalBodyField,
  RawClient,
  RawResponse,
  Simplify,
  WithOptionalField,
} from "./operation-types.js";
export { PagePromise, paginate } from "./pagination.js";
export type {
  AuthDefinition,
  BodyInput,
  CredentialPlacement,
  ErrorEnvelopeDefinition,
  HttpMethod,
  OperationDefinition,
  PaginationDefinition,
  ProviderDefinition,
  RateLimitDefinition,
  SuccessParse,
} from "./provider-definition.js";
export { encodeBody } from "./request-body.js";
