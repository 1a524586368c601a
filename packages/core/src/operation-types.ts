/**
 * Type helpers the generated clients use next to openapi-typescript's `paths`. Pure types:
 * nothing here exists at runtime. Named-method argument and result types are written out by the
 * generator as indexed accesses (scripts/src/generate/emit/named-method-types.ts), not computed here:
 * a conditional type per operation made large specs slow to type-check.
 */
import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import type { CallOptions } from "./client-options.js";
import type { ApiError } from "./errors.js";

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

// The raw client: openapi-fetch's, with `error` typed as it is at runtime (see RawResponse).
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & CallOptions & { [option: string]: unknown })?]
    : [Init & CallOptions & { [option: string]: unknown }];

/**
 * A raw call's result: openapi-fetch's `{ data, error, response }`, where a non-2xx response whose
 * body is empty (Prime Intellect's 401) has the `ApiError` for its status as `error`, so that
 * `if (error)` holds for every failed call.
 */
export type RawResponse<Operation extends Record<string | number, any>, Init, Media extends MediaType> =
  | FetchResponse<Operation, Init, Media>
  | { data?: never; error: ApiError; response: Response };

type RawMethod<Paths extends Record<string, any>, Method extends HttpMethod, Media extends MediaType> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<RawResponse<Paths[Path][Method], Init, Media>>;

/** An openapi-fetch client (`GET`/`POST`/…, `use()`), as every provider client is. */
export interface RawClient<Paths extends Record<string, any>, Media extends MediaType = MediaType>
  extends Pick<Client<Paths, Media>, "use" | "eject"> {
  request<
    Method extends HttpMethod,
    Path extends PathsWithMethod<Paths, Method>,
    Init extends MaybeOptionalInit<Paths[Path], Method>,
  >(method: Method, url: Path, ...init: InitParam<Init>): Promise<RawResponse<Paths[Path][Method], Init, Media>>;
  GET: RawMethod<Paths, "get", Media>;
  PUT: RawMethod<Paths, "put", Media>;
  POST: RawMethod<Paths, "post", Media>;
  DELETE: RawMethod<Paths, "delete", Media>;
  OPTIONS: RawMethod<Paths, "options", Media>;
  HEAD: RawMethod<Paths, "head", Media>;
  PATCH: RawMethod<Paths, "patch", Media>;
  TRACE: RawMethod<Paths, "trace", Media>;
}
