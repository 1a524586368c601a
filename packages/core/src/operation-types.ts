/**
 * Type helpers the generated clients use next to openapi-typescript's `paths`. Pure types:
 * nothing here exists at runtime. Named-method argument and result types are written out by the
 * generator as indexed accesses (scripts/src/emit/named-method-types.ts), not computed here:
 * a conditional type per operation made large specs slow to type-check.
 */
import type { HttpMethod } from "openapi-typescript-helpers";

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
