import type { OperationModel, ProviderModel } from "../../model/provider-model.js";
import { isJsonMediaType } from "../../shared/runtime-vocabulary.js";
import { type Code, identifier, join, literal, ts } from "./code.js";
import { testClientOptions } from "./contract-tests.js";
import { generatedHeader } from "./header.js";

/**
 * Why the valid-input property cannot run for an operation yet, if so: what
 * `checkOperationProperty` (packages/testing) does not generate or check, and what Prism cannot do.
 */
export function propertySkipReason(operation: OperationModel): string | undefined {
  if (operation.uncheckableRequest) return operation.uncheckableRequest;
  if (operation.parameters.some((parameter) => parameter.in === "cookie")) {
    return "cookie parameters are not generated yet";
  }
  if (operation.parameters.some((parameter) => parameter.schema === undefined)) {
    return "content parameters are not generated yet";
  }
  if (operation.bodyMediaType !== undefined && !isJsonMediaType(operation.bodyMediaType)) {
    return `only JSON bodies are generated yet, not ${operation.bodyMediaType}`;
  }
  if (operation.successParse === "event-stream") return "event streams are not checked by the property yet";
  if (operation.successParse === "blob") return "binary responses are not checked by the property yet";
  const success = operation.responseCodes.filter((code) => /^2\d\d$/.test(code));
  if (success.length === 0) return "no numbered 2xx response to check";
  const unmockable = success.map((code) => operation.unmockable[code]).find((reason) => reason !== undefined);
  if (unmockable) return unmockable;
  return undefined;
}

function operationProperty(operation: OperationModel): Code {
  const title = literal(`${operation.name} — ${operation.method.toUpperCase()} ${operation.path}, generated inputs`);
  const skip = propertySkipReason(operation);
  if (skip)
    return ts`describe(${title}, () => {
  it.skip(${literal(`skipped, ${skip}`)}, () => {});
});
`;
  return ts`describe(${title}, () => {
  it(
    "every valid input: no request violations, the response validates, named and raw send the same request",
    () => checkOperationProperty({ spec: SPEC, provider, name: ${literal(operation.name)}, client }),
    propertyTimeout(),
  );

  it(
    "a forbidden value in one place (wrong type, missing, text that would change the URL): refused before sending, or sent to this operation only, named and raw alike",
    () => checkNegativeProperty({ spec: SPEC, provider, name: ${literal(operation.name)}, client, baseUrl: BASE_URL }),
    propertyTimeout(),
  );
});
`;
}

/**
 * Property tests derived from the spec: for every operation, inputs generated from its schemas
 * (fast-check, a fixed seed and run count; `pnpm fuzz` runs more) go through the named method and
 * the raw call to Prism: no request violations, a response valid against its schema, and the same
 * request both ways. Operations the property cannot handle yet are skipped, saying why.
 */
export function emitPropertyTests(model: ProviderModel): Code {
  const { config } = model;
  const runs = model.operations.some((operation) => propertySkipReason(operation) === undefined);
  return ts`${generatedHeader(model)}
${
  runs
    ? ts`import { ${identifier(config.clientFactory)}, provider } from ${literal(config.packageName)};
import { checkNegativeProperty, checkOperationProperty, prismUrl, propertyTimeout } from "@specsdk/testing";
import { describe, it } from "vitest";

/** The spec the package ships, byte for byte the one Prism serves. */
const SPEC = new URL("../../openapi.yaml", import.meta.url).pathname;
const BASE_URL = prismUrl(${literal(model.name)});

const client = (capture: (request: Request) => Promise<Response>) =>
  ${identifier(config.clientFactory)}(${testClientOptions(model, ts`capture`, ts`BASE_URL`)}) as never;
`
    : ts`import { describe, it } from "vitest";
`
}
${join(
  model.operations.map(operationProperty),
  ts`
`,
)}`;
}
