import type { ProviderModel } from "../lib/provider-model.js";
import { type Code, ts } from "./code.js";
import { generatedHeader } from "./header.js";

/** The package entry point: the client, the spec types, and the shared error classes. */
export function emitEntryPoint(model: ProviderModel): Code {
  return ts`${generatedHeader(model)}
export * from "./client.js";
export { provider } from "./provider.js";
export type { components, operations, paths${
    // readOnly/writeOnly markers in `components`: Readable<…>/Writable<…> give the response/request shape.
    model.readWriteMarkers ? ts`, Readable, Writable` : ts``
  } } from "./schema.js";
export {
  ApiConnectionError,
  ApiEnvelopeError,
  ApiError,
  ApiTimeoutError,
  ApiUserAbortError,
  AuthenticationError,
  BadRequestError,
  ClientConfigurationError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  SpecSdkError,
  UnprocessableEntityError,
  UnsafePathParameterError,
} from "@specsdk/core";
export type {
  ApiPromise,
  CallOptions,
  ClientOptions,
  EventStreamPromise,
  FieldProblem,
  Middleware,
  PagePromise,
  ServerSentEvent,
  WithResponse,
} from "@specsdk/core";
`;
}
