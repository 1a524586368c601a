import type { OperationModel, ProviderModel } from "../../model/provider-model.js";
import type { OperationDefinition, ProviderDefinition } from "../../shared/runtime-vocabulary.js";
import { type Code, literal, ts } from "./code.js";
import { generatedHeader } from "./header.js";

/** Form and multipart body fields the spec's `encoding` marks `deepObject` (Stripe's nested parameters), in spec order. */
export function formDeepObjects(operation: OperationModel): string[] | undefined {
  if (!isFormMediaType(operation.bodyMediaType)) return undefined;
  const encoding = operation.requestBodyMedia?.encoding ?? {};
  const names = Object.keys(encoding).filter((name) => encoding[name]?.style === "deepObject");
  return names.length > 0 ? names : undefined;
}

/** The body media types whose fields core encodes one by one (request-body.ts). */
export function isFormMediaType(mediaType: string | undefined): boolean {
  return mediaType === "application/x-www-form-urlencoded" || mediaType?.startsWith("multipart/form-data") === true;
}

/** Query parameters the spec encodes as `deepObject` (Stripe's `lines[0][type]`), in spec order. */
export function queryDeepObjects(operation: OperationModel): string[] | undefined {
  const names = operation.parameters
    .filter((parameter) => parameter.in === "query" && parameter.style === "deepObject")
    .map((parameter) => parameter.name);
  return names.length > 0 ? names : undefined;
}

/** One operation's entry in the table. */
function operationEntry(operation: OperationModel): OperationDefinition {
  const namesIn = (location: string) => operation.parameters.filter((p) => p.in === location).map((p) => p.name);
  return {
    method: operation.method,
    path: operation.path,
    operationId: operation.operationId || undefined,
    serverUrl: operation.serverUrl,
    pathParams: namesIn("path"),
    queryParams: namesIn("query"),
    headerParams: namesIn("header"),
    cookieParams: namesIn("cookie"),
    bodyInput: operation.bodyInput,
    bodyMediaType: operation.bodyMediaType || undefined,
    formDeepObjects: formDeepObjects(operation),
    queryDeepObjects: queryDeepObjects(operation),
    bodyOptional: operation.bodyInput === "fields" && !operation.bodyRequired ? true : undefined,
    inputShape: operation.inputShape,
    successParse: operation.successParse,
    eventData: operation.eventData,
    authenticated: operation.authenticated,
    idempotent: operation.idempotent,
    pagination: operation.pagination,
  };
}

/**
 * The runtime metadata (`ProviderDefinition`) the core reads: servers, auth, operations. Typed as
 * the runtime's own type, so a field the runtime renames or narrows fails here, not in a generated package.
 */
export function emitProviderMetadata(model: ProviderModel): Code {
  const { config } = model;
  // Absent fields are `undefined` (JSON leaves them out) rather than spread in, so that every field
  // name is checked against the runtime's type: a renamed field fails here.
  const definition: ProviderDefinition = {
    name: model.name,
    displayName: config.displayName,
    defaultBaseUrl: model.defaultBaseUrl,
    auth: { envVar: config.auth.envVar || undefined, placement: model.placement },
    errorEnvelope: config.errorEnvelope,
    rateLimit: config.rateLimit
      ? { requests: config.rateLimit.requests, perMilliseconds: config.rateLimit.perSeconds * 1000 }
      : undefined,
    operations: Object.fromEntries(model.operations.map((operation) => [operation.name, operationEntry(operation)])),
  };
  return ts`${generatedHeader(model)}
import type { ProviderDefinition } from "@specsdk/core";

export const provider = ${literal(definition, 2)} as const satisfies ProviderDefinition;
`;
}
