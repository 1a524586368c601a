import type { DeprecatedAlias } from "../../model/deprecated-aliases.js";
import type { OperationModel, ProviderModel } from "../../model/provider-model.js";
import { ERROR_CLASSES } from "../../shared/runtime-vocabulary.js";
import { type Code, docComment, identifier, join, literal, propertyKey, ts } from "./code.js";
import { generatedHeader } from "./header.js";

/**
 * openapi-typescript's `operations` (keyed by operationId) plus the operationIds renamed operations
 * had, each the operation's type under a deprecation, so `operations["oldId"]` still compiles.
 */
function operationsWithKeptIds(aliases: readonly DeprecatedAlias<OperationModel>[]): Code {
  const members = aliases.map(({ operation, operationId }) => {
    const now = operation.operationId
      ? `operations[${JSON.stringify(operation.operationId)}]`
      : `paths[${JSON.stringify(operation.path)}][${JSON.stringify(operation.method)}]`;
    return ts`${docComment([`@deprecated Use ${now}: the operationId of \`${operation.name}()\` changed.`], "  ")}
  ${propertyKey(operationId as string)}: paths[${literal(operation.path)}][${literal(operation.method)}];`;
  });
  return ts`import type { operations as specOperations, paths } from "./schema.js";

${docComment(["The spec's operations by operationId, and the operationIds renamed operations had (deprecated)."])}
export interface operations extends specOperations {
${join(members, ts`\n`)}
}
`;
}

/** The package entry point: the client, the spec types, and the shared error classes. */
export function emitEntryPoint(model: ProviderModel): Code {
  const keptIds = model.deprecatedAliases.filter((alias) => alias.operationId !== undefined);
  const schemaTypes = [
    "components",
    ...(keptIds.length === 0 ? ["operations"] : []),
    "paths",
    // readOnly/writeOnly markers in `components`: Readable<…>/Writable<…> give the response/request shape.
    ...(model.readWriteMarkers ? ["Readable", "Writable"] : []),
  ];
  return ts`${generatedHeader(model)}
export * from "./client.js";
export { provider } from "./provider.js";
export type { ${join(schemaTypes.map(identifier), ts`, `)} } from "./schema.js";
${keptIds.length === 0 ? ts`` : operationsWithKeptIds(keptIds)}export {
  ${join(ERROR_CLASSES.map(identifier), ts`,\n  `)},
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
