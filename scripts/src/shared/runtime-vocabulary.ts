/**
 * What the generator and the runtime must agree on (HTTP methods, where a credential goes, body and
 * parse kinds, which methods are safe to retry, which media types are JSON, the error classes), taken from the runtime
 * rather than redeclared, so a change on one side is a type error on the other
 * (test/runtime-vocabulary.test.ts). It imports `@specsdk/core`'s source, not the built package:
 * `pnpm generate` runs before `pnpm build` on a fresh clone. Only this file may reach into packages/.
 */
import * as coreErrors from "../../../packages/core/src/errors.js";
import type { HttpMethod } from "../../../packages/core/src/provider-definition.js";

export type {
  BodyInput,
  CredentialPlacement,
  HttpMethod,
  OperationDefinition,
  PaginationDefinition,
  ProviderDefinition,
  SuccessParse,
} from "../../../packages/core/src/provider-definition.js";
export { isJsonMediaType, RETRY_SAFE_METHODS } from "../../../packages/core/src/vocabulary.js";

/** Every method a path item can hold, in the order the generator walks them. */
export const HTTP_METHODS = [
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
] as const satisfies readonly HttpMethod[];

/** The error classes every provider package re-exports from `@specsdk/core`: each one errors.ts exports, by name. */
export const ERROR_CLASSES: readonly string[] = Object.entries(coreErrors)
  .filter(([, value]) => typeof value === "function" && value.prototype instanceof Error)
  .map(([name]) => name)
  .sort();
