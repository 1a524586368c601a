export type { Client as RawClient, Middleware } from "openapi-fetch";
export type { CallOptions, ClientOptions, FetchFunction } from "./client-options.js";
export { createProviderClient } from "./create-client.js";
export type { DebugOption, DebugSink } from "./debug-log.js";
export {
  ApiConnectionError,
  ApiError,
  type ApiErrorInit,
  ApiTimeoutError,
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
export type { PathsWithOptionalBodyField, Simplify, WithOptionalField } from "./operation-types.js";
export type {
  AuthDefinition,
  BodyInput,
  CredentialPlacement,
  ErrorEnvelopeDefinition,
  HttpMethod,
  OperationDefinition,
  ProviderDefinition,
  RateLimitDefinition,
  SuccessParse,
} from "./provider-definition.js";
export { RateLimiter } from "./rate-limiter.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
export { safePathSerializer } from "./safe-path.js";
