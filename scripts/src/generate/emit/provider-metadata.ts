import type { ProviderModel } from "../../model/provider-model.js";
import { type Code, literal, ts } from "./code.js";
import { generatedHeader } from "./header.js";

/** The runtime metadata (`ProviderDefinition`) the core reads: servers, auth, operations. */
export function emitProviderMetadata(model: ProviderModel): Code {
  const { config } = model;
  const definition = {
    name: model.name,
    displayName: config.displayName,
    defaultBaseUrl: model.defaultBaseUrl,
    auth: { ...(config.auth.envVar ? { envVar: config.auth.envVar } : {}), placement: model.placement },
    ...(config.errorEnvelope ? { errorEnvelope: config.errorEnvelope } : {}),
    ...(config.rateLimit
      ? { rateLimit: { requests: config.rateLimit.requests, perMilliseconds: config.rateLimit.perSeconds * 1000 } }
      : {}),
    operations: Object.fromEntries(
      model.operations.map((operation) => {
        const namesIn = (location: string) => operation.parameters.filter((p) => p.in === location).map((p) => p.name);
        return [
          operation.name,
          {
            method: operation.method,
            path: operation.path,
            ...(operation.operationId ? { operationId: operation.operationId } : {}),
            serverUrl: operation.serverUrl,
            pathParams: namesIn("path"),
            queryParams: namesIn("query"),
            headerParams: namesIn("header"),
            cookieParams: namesIn("cookie"),
            bodyInput: operation.bodyInput,
            ...(operation.bodyMediaType ? { bodyMediaType: operation.bodyMediaType } : {}),
            ...(operation.bodyInput === "fields" && !operation.bodyRequired ? { bodyOptional: true } : {}),
            inputShape: operation.inputShape,
            successParse: operation.successParse,
            ...(operation.eventData ? { eventData: operation.eventData } : {}),
            authenticated: operation.authenticated,
            idempotent: operation.idempotent,
            ...(operation.pagination ? { pagination: operation.pagination } : {}),
          },
        ];
      }),
    ),
  };
  return ts`${generatedHeader(model)}
import type { ProviderDefinition } from "@specsdk/core";

export const provider = ${literal(definition, 2)} as const satisfies ProviderDefinition;
`;
}
