import { isCredentialParameter, type OperationModel, type ProviderModel } from "../../model/provider-model.js";
import { type SchemaCheck, schemaValidatorFor } from "../../model/schema-validator.js";
import {
  type MediaTypeObject,
  type ParameterObject,
  resolveLocal,
  type SchemaObject,
} from "../../spec/openapi-types.js";
import {
  BINARY_EXAMPLE,
  exampleValue,
  firstNamedExample,
  givenExample,
  parameterExamples,
  untypedField,
} from "./example-values.js";

export interface ExampleRequest {
  /** Example parameters by location (`path`, `query`, `header`, `cookie`), as openapi-fetch's `params`. */
  params: Record<string, Record<string, unknown>>;
  body: unknown;
  /** What no candidate could make valid against the spec, one line each (the one built from the schema is used). */
  problems: string[];
  /**
   * Why the example, written as an object literal, may not be assignable to the generated input type
   * (the contract test then casts it), one line each: a body from the spec's own example data, a field
   * the types do not name (valid JSON Schema: a `required` name that `properties` lacks, extra example
   * data), a parameter example that is valid only as text (`"2"` for an integer).
   */
  untyped: string[];
}

/** JSON for validation: a binary example stands for a file, which a string schema accepts. */
function asSent(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, item) => (item === BINARY_EXAMPLE ? "binary" : item)) ?? "null");
}

/** A parameter value as the server reads it before coercing: scalars (and array items) as text. */
function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  return value === null || typeof value === "object" ? value : String(value);
}

/** The first candidate valid against the schema; else the one built from the schema alone (the last), with what is wrong with it. */
function firstValid(
  check: SchemaCheck,
  schema: unknown,
  candidates: unknown[],
  what: string,
  options?: { coerce?: boolean },
): { value: unknown; problem?: string } {
  let problem: string | undefined;
  for (const candidate of candidates) {
    // A parameter travels as text: `true` for an integer is "true" on the wire, which Prism refuses.
    const sent = options?.coerce ? asText(asSent(candidate)) : asSent(candidate);
    const wrong = check(schema, sent, options);
    if (wrong === undefined) return { value: candidate };
    problem ??= `${what}: ${wrong}`;
  }
  return { value: candidates.at(-1), ...(problem ? { problem } : {}) };
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
  // The contract tests, generate's notes and the README ask for the same examples: built once.
  const cached = built.get(operation)?.get(withOptionalQuery);
  if (cached) return cached;
  const request = buildExampleRequest(model, operation, withOptionalQuery);
  if (!built.has(operation)) built.set(operation, new Map());
  built.get(operation)?.set(withOptionalQuery, request);
  return request;
}

const built = new WeakMap<OperationModel, Map<boolean, ExampleRequest>>();

/**
 * A value for a header parameter that names a media type (Lufthansa declares `Accept` as one): Prism
 * parses it as a media type and crashes on anything else, and the client reads what it asks for.
 */
function mediaTypeHeader(operation: OperationModel, parameter: ParameterObject): string | undefined {
  if (parameter.in !== "header") return undefined;
  const name = parameter.name.toLowerCase();
  if (name === "accept") {
    const types = operation.successResponses.flatMap((response) => response.mediaTypes);
    return types.find((type) => !type.includes("*")) ?? "application/json";
  }
  return name === "content-type" ? (operation.bodyMediaType ?? "application/json") : undefined;
}

function buildExampleRequest(
  model: ProviderModel,
  operation: OperationModel,
  withOptionalQuery: boolean,
): ExampleRequest {
  const credentialField = model.placement.in === "body" ? model.placement.name : undefined;
  const check = schemaValidatorFor(model.document);
  const problems: string[] = [];
  const untyped: string[] = [];
  const params: Record<string, Record<string, unknown>> = {};
  for (const parameter of operation.parameters) {
    const wanted = parameter.required || parameter.in === "path" || (withOptionalQuery && parameter.in === "query");
    if (!wanted || isCredentialParameter(model.placement, parameter)) continue;
    const what = `${parameter.in} parameter ${parameter.name}`;
    const mediaType = mediaTypeHeader(operation, parameter);
    const candidates = [...(mediaType ? [mediaType] : []), ...parameterExamples(model.document, parameter)];
    const chosen = firstValid(check, parameter.schema, candidates, what, { coerce: true });
    if (chosen.problem) problems.push(chosen.problem);
    // The spec's example may be valid only once coerced from text, which its type is not.
    if (!sameAsSent(chosen.value, candidates.at(-1)) && check(parameter.schema, asSent(chosen.value)) !== undefined) {
      untyped.push(`${what}: the spec's example is valid only as text`);
    }
    const field = untypedField(model.document, parameter.schema, chosen.value);
    if (field) untyped.push(`${what}: ${field}`);
    params[parameter.in] ??= {};
    (params[parameter.in] as Record<string, unknown>)[parameter.name] = chosen.value;
  }
  let body: unknown;
  const media = operation.requestBodyMedia;
  if (operation.bodyInput !== "none" && media) {
    const all = bodyExamples(model, media);
    // A body passed as fields is an object: a text or array example cannot be passed (or sent) that way.
    const objects = all.filter((value) => typeof value === "object" && value !== null && !Array.isArray(value));
    const candidates = operation.bodyInput === "fields" && objects.length > 0 ? objects : all;
    const chosen = firstValid(check, media.schema, candidates, "body");
    if (chosen.problem) problems.push(chosen.problem);
    body = chosen.value;
    if (!sameAsSent(body, candidates.at(-1))) untyped.push("body: the spec's example data");
    if (credentialField && body && typeof body === "object") delete (body as Record<string, unknown>)[credentialField];
    const field = untypedField(model.document, media.schema, body);
    if (field) untyped.push(`body: ${field}`);
  }
  return { params, body, problems, untyped };
}

function sameAsSent(value: unknown, other: unknown): boolean {
  return JSON.stringify(asSent(value)) === JSON.stringify(asSent(other));
}

/** The same request as the named method's single argument (flat, or grouped on name clashes). */
export function exampleInput(
  model: ProviderModel,
  operation: OperationModel,
  options: { withOptionalQuery?: boolean } = {},
): { input: Record<string, unknown>; problems: string[]; untyped: string[] } {
  const { params, body, problems, untyped } = exampleRequest(model, operation, options);
  if (operation.inputShape === "grouped") {
    return { input: { ...params, ...(body === undefined ? {} : { body }) }, problems, untyped };
  }
  const input: Record<string, unknown> = Object.assign({}, ...Object.values(params));
  if (operation.bodyInput === "fields" && typeof body === "object" && body !== null && !Array.isArray(body)) {
    // The spec's example may add a field its schema does not declare under a parameter's name
    // (SendGrid's template_id): in the flat input the name is the parameter's, so the field stays out.
    for (const [field, value] of Object.entries(body)) if (!(field in input)) input[field] = value;
  }
  if (operation.bodyInput === "property" && body !== undefined) input.body = body;
  return { input, problems, untyped };
}

/** Candidate bodies, best first: the media type's example(s), then from its schema with and without the schema's examples. */
function bodyExamples(model: ProviderModel, media: MediaTypeObject): unknown[] {
  const schema = media.schema === undefined ? {} : resolveLocal<SchemaObject>(model.document, media.schema);
  return [
    givenExample(schema, media.example),
    givenExample(schema, firstNamedExample(model.document, media.examples)),
    exampleValue(model.document, media.schema, "body"),
    exampleValue(model.document, media.schema, "body", 0, { useExamples: false }),
  ].filter((value) => value !== undefined);
}
