import type { OperationModel, ProviderModel } from "../lib/provider-model.js";
import { exampleValue, parameterExample } from "./example-values.js";

/**
 * A valid argument for an operation's named method, built from the spec (examples first, schema
 * otherwise): every required parameter and body field; the client-injected credential left out.
 * `withOptionalQuery` also fills optional query parameters (README examples show them).
 */
export function exampleInput(
  model: ProviderModel,
  operation: OperationModel,
  { withOptionalQuery = false }: { withOptionalQuery?: boolean } = {},
): Record<string, unknown> {
  const credentialField = model.placement.in === "body" ? model.placement.name : undefined;
  const groups: Record<string, Record<string, unknown>> = {};
  for (const parameter of operation.parameters) {
    const wanted = parameter.required || parameter.in === "path" || (withOptionalQuery && parameter.in === "query");
    if (!wanted) continue;
    groups[parameter.in] ??= {};
    (groups[parameter.in] as Record<string, unknown>)[parameter.name] = parameterExample(model.document, parameter);
  }
  let body: unknown;
  if (operation.bodyInput !== "none") {
    const schema = operation.bodySchema ?? undefined;
    body = schema ? exampleValue(model.document, schema) : exampleBodyFromSpec(model, operation);
    if (credentialField && body && typeof body === "object") delete (body as Record<string, unknown>)[credentialField];
  }
  if (operation.inputShape === "grouped") return { ...groups, ...(body === undefined ? {} : { body }) };
  const flat: Record<string, unknown> = Object.assign({}, ...Object.values(groups));
  if (operation.bodyInput === "fields") Object.assign(flat, body);
  if (operation.bodyInput === "property" && body !== undefined) flat.body = body;
  return flat;
}

function exampleBodyFromSpec(model: ProviderModel, operation: OperationModel): unknown {
  const media = operation.requestBodyMedia;
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  return exampleValue(model.document, media.schema, "body");
}
