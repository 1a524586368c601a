import { createRequire } from "node:module";
import type { OpenApiDocument } from "../spec/openapi-types.js";

/** The sampler Prism's static mocks come from (a dependency of prism-http, pinned to its version). */
const sampler = createRequire(import.meta.url)("@stoplight/json-schema-sampler") as {
  sample(schema: unknown, options: { ticks: number }, document: unknown): unknown;
  SchemaSizeExceededError: new () => Error;
};

/** Prism gives its sampler this many steps per body (prism-http's `generateStatic`), then answers 500. */
const PRISM_TICKS = 2500;

const verdicts = new WeakMap<object, boolean>();

/**
 * Whether Prism gives up on building a body from this schema ("The schema is too complex to
 * generate", a 500): the same sampler with the same step budget. Refs resolve against the spec, not
 * Prism's bundled copy, so a schema right at the limit may be judged differently.
 */
export function tooComplexForPrism(schema: unknown, document: OpenApiDocument): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const known = verdicts.get(schema);
  if (known !== undefined) return known;
  let tooComplex = false;
  try {
    sampler.sample(schema, { ticks: PRISM_TICKS }, document);
  } catch (error) {
    tooComplex = error instanceof sampler.SchemaSizeExceededError;
  }
  verdicts.set(schema, tooComplex);
  return tooComplex;
}
