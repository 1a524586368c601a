import type { OperationModel, ProviderModel } from "../lib/provider-model.js";
import { exampleValue, parameterExample } from "./example-values.js";

export interface ExampleRequest {
  /** Example parameters by location (`path`, `query`, `header`, `cookie`), as openapi-fetch's `params`. */
  params: Record<string, Record<string, unknown>>;
  body: unknown;
}

/**
 * A valid request for an operation, built from the spec (examples first, schema otherwise): every
 * required parameter and body field; the client-injected credential left out.
 * `withOptionalQuery` also fills optional query parameters (README examples show them).
 */
export function exampleRequest(
  model: ProviderModel,
  operation: OperationModel,
  { withOptionalQuery = false }: { withOptionalQuery?: boolean } = {},
): ExampleRequest {
  const credentialField = model.placement.in === "body" ? model.placement.name : undefined;
  const params: Record<string, Record<string, unknown>> = {};
  for (const parameter of operation.parameters) {
    const wanted = parameter.required || parameter.in === "path" || (withOptionalQuery && parameter.in === "query");
    if (!wanted) continue;
    params[parameter.in] ??= {};
    (params[parameter.in] as Record<string, unknown>)[parameter.name] = parameterExample(model.document, parameter);
  }
  let body: unknown;
  if (operation.bodyInput !== "none") {
    const schema = operation.bodySchema ?? undefined;
    body = schema ? exampleValue(model.document, schema) : exampleBodyFromSpec(model, operation);
    if (credentialField && body && typeof body === "object") delete (body as Record<string, unknown>)[credentialField];
  }
  return { params, body };
}

/** The same request as the named method's single argument (flat, or grouped on name clashes). */
export function exampleInput(
  model: ProviderModel,
  operation: OperationModel,
  options: { withOptionalQuery?: boolean } = {},
): Record<string, unknown> {
  const { params, body } = exampleRequest(model, operation, options);
  if (operation.inputShape === "grouped") return { ...params, ...(body === undefined ? {} : { body }) };
  const flat: Record<string, unknown> = Object.assign({}, ...Object.values(params));
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
