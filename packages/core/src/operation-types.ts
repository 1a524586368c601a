/**
 * Type helpers that turn openapi-typescript's `paths`/`operations` types into the argument and
 * result types of generated named methods. Pure types: nothing here exists at runtime.
 */
import type {
  ErrorResponseJSON,
  HttpMethod,
  IsOperationRequestBodyOptional,
  OperationRequestBodyContent,
  SuccessResponseJSON,
} from "openapi-typescript-helpers";

/** Flattens intersections so editors show `{ a: string; b?: number }` instead of `A & B`. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** `T` with `Field` optional (a credential the client injects, so callers need not pass it). */
export type WithOptionalField<T, Field extends PropertyKey> = [Field] extends [never]
  ? T // no injected field (a bare `Field extends …` would distribute over never and yield never)
  : T extends object
    ? Field extends keyof T
      ? Simplify<Omit<T, Field> & Partial<Pick<T, Field>>>
      : T
    : T;

type RelaxRequestBody<RequestBody, Field extends PropertyKey> = RequestBody extends { content: infer Content }
  ? Omit<RequestBody, "content"> & { content: { [Media in keyof Content]: WithOptionalField<Content[Media], Field> } }
  : RequestBody;

// Homomorphic mapped types keep each key's `?`, so openapi-fetch still sees which bodies are required.
type RelaxOperation<Operation, Field extends PropertyKey> = {
  [Key in keyof Operation]: Key extends "requestBody" ? RelaxRequestBody<Operation[Key], Field> : Operation[Key];
};

/**
 * `paths` with a body field made optional in every request body: the client fills it in
 * (ModelsLab's `key`). Used as the raw client's type parameter.
 */
export type PathsWithOptionalBodyField<Paths, Field extends PropertyKey> = {
  [Path in keyof Paths]: {
    [Method in keyof Paths[Path]]: Method extends HttpMethod
      ? RelaxOperation<Paths[Path][Method], Field>
      : Paths[Path][Method];
  };
};

type ParameterSection<Operation, Location extends string> = Operation extends { parameters: infer Parameters }
  ? Location extends keyof Parameters
    ? [NonNullable<Parameters[Location]>] extends [never]
      ? unknown
      : NonNullable<Parameters[Location]>
    : unknown
  : unknown;

/** Path, query, header and cookie parameters of an operation, side by side. */
export type OperationParameters<Operation> = ParameterSection<Operation, "path"> &
  ParameterSection<Operation, "query"> &
  ParameterSection<Operation, "header"> &
  ParameterSection<Operation, "cookie">;

/** The JSON request body, with the client-injected credential field (if any) optional. */
export type OperationBody<Operation, CredentialField extends PropertyKey = never> = WithOptionalField<
  OperationRequestBodyContent<Operation>,
  CredentialField
>;

/** Named-method argument when body fields sit next to the parameters. */
export type FieldsInput<Operation, CredentialField extends PropertyKey = never> = Simplify<
  OperationParameters<Operation> & OperationBody<Operation, CredentialField>
>;

/** `{ body }`, optional when the spec's requestBody is not required. */
type BodyProperty<Operation, CredentialField extends PropertyKey> =
  IsOperationRequestBodyOptional<Operation> extends true
    ? { body?: NonNullable<OperationBody<Operation, CredentialField>> }
    : { body: OperationBody<Operation, CredentialField> };

/** Named-method argument when the body is passed as `body`. */
export type PropertyInput<Operation, CredentialField extends PropertyKey = never> = Simplify<
  OperationParameters<Operation> & BodyProperty<Operation, CredentialField>
>;

/**
 * Named-method argument when parameter names clash across locations: `{ path, query, header,
 * cookie, body }`, like openapi-fetch's `params` plus `body`.
 */
export type GroupedInput<Operation, CredentialField extends PropertyKey = never> = Simplify<
  (Operation extends { parameters: infer Parameters } ? Parameters : unknown) &
    ("requestBody" extends keyof Operation ? BodyProperty<Operation, CredentialField> : unknown)
>;

/** Named-method argument for operations without a request body. */
export type ParametersInput<Operation> = Simplify<OperationParameters<Operation>>;

/** The success (2xx) response body a named method resolves to. */
export type OperationResult<Operation> = SuccessResponseJSON<Operation & Record<string | number, any>>;

/** The union of documented error response bodies (the `body` of the thrown `ApiError`). */
export type OperationErrorBody<Operation> = ErrorResponseJSON<Operation & Record<string | number, any>>;
