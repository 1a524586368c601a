/**
 * The argument and result types of a named method, written out as indexed accesses into
 * openapi-typescript's `paths` (`paths["/x"]["get"]["parameters"]["path"]`).
 *
 * Why not generic helpers (`ParametersInput<Op>`, `SuccessResponseJSON<Op>`)? The generator
 * already knows which parameter locations, body media type and 2xx responses each operation
 * has, and a conditional type recomputes that for every alias: ~120 type instantiations each,
 * which on GitHub's 1,000+ operations made type-checking the generated sources 1.4× slower than
 * bare openapi-fetch. Indexed accesses cost next to nothing, and say exactly what the runtime does
 * (the body is sent as the chosen media type; a success body is JSON-parsed when its media type
 * is JSON).
 */

import type { OperationModel, SuccessResponse } from "../../model/provider-model.js";
import { EVENT_STREAM, isCredentialParameter } from "../../model/provider-model.js";
import type { CredentialPlacement } from "../../shared/runtime-vocabulary.js";
import { type Code, join, literal, ts } from "./code.js";

const LOCATIONS = ["path", "query", "header", "cookie"] as const;

/** `["name"]`: an index into a type by a spec-derived key. */
function key(name: string): Code {
  return ts`[${literal(name)}]`;
}

/** openapi-typescript writes status codes as number keys (`200:`), ranges as strings (`"2XX":`). */
function statusKey(code: string): Code {
  return /^\d+$/.test(code) ? ts`${Number(code)}` : literal(code);
}

function operationType(operation: OperationModel): Code {
  return ts`paths${key(operation.path)}${key(operation.method)}`;
}

/** `A & B & C` flattened for editors; a single part needs no flattening. */
function flattened(parts: Code[]): Code {
  if (parts.length === 0) return ts`{}`;
  if (parts.length === 1) return parts[0] as Code;
  return ts`Simplify<${join(parts, ts` & `)}>`;
}

/**
 * One part per parameter location the operation uses; optional sections (no required parameter) lose
 * their `undefined`. A parameter that carries the key is optional: the client fills it in.
 */
function parameterParts(operation: OperationModel, placement: CredentialPlacement): Code[] {
  const parts: Code[] = [];
  for (const location of LOCATIONS) {
    const inLocation = operation.parameters.filter((parameter) => parameter.in === location);
    if (inLocation.length === 0) continue;
    const section = ts`${operationType(operation)}["parameters"]${key(location)}`;
    // openapi-typescript marks a section optional (`query?:`) unless a parameter in it is required.
    const required = location === "path" || inLocation.some((parameter) => parameter.required);
    const part = required ? section : ts`NonNullable<${section}>`;
    const credential = inLocation.find((parameter) => isCredentialParameter(placement, parameter));
    parts.push(credential ? ts`WithOptionalField<${part}, ${literal(credential.name)}>` : part);
  }
  return parts;
}

/** The request body as the client sends it: the chosen media type, the credential field (if any) optional. */
function bodyType(operation: OperationModel, credentialField: string | undefined): Code {
  // `content: {}` declares a body without saying what it is.
  if (operation.bodyMediaType === undefined) return ts`unknown`;
  const requestBody = ts`${operationType(operation)}["requestBody"]`;
  const content = ts`${operation.bodyRequired ? requestBody : ts`NonNullable<${requestBody}>`}["content"]`;
  const declared = ts`${content}${key(operation.bodyMediaType)}`;
  // openapi-typescript's Writable drops readOnly properties, as openapi-fetch does for raw calls.
  const body = operation.bodyReachesMarkers ? ts`Writable<${declared}>` : declared;
  return credentialField ? ts`WithOptionalField<${body}, ${literal(credentialField)}>` : body;
}

/** The named method's argument type. */
export function inputTypeExpression(operation: OperationModel, placement: CredentialPlacement): Code {
  const credentialField = placement.in === "body" ? placement.name : undefined;
  const field = credentialField && operation.authenticated ? credentialField : undefined;
  const hasBody = operation.bodyInput !== "none";
  const body = hasBody ? bodyType(operation, field) : ts``;
  const bodyProperty = operation.bodyRequired ? ts`{ body: ${body} }` : ts`{ body?: ${body} }`;
  if (operation.inputShape === "grouped") {
    // Parameters grouped by location, like openapi-fetch's `params`.
    return flattened([ts`${operationType(operation)}["parameters"]`, ...(hasBody ? [bodyProperty] : [])]);
  }
  const parameters = parameterParts(operation, placement);
  if (operation.bodyInput === "fields") return flattened([...parameters, body]);
  if (operation.bodyInput === "property") return flattened([...parameters, bodyProperty]);
  return flattened(parameters);
}

/** What the runtime resolves to for one 2xx response: parsed JSON, text, or `undefined` for an empty body. */
function successBodyTypes(operation: OperationModel, response: SuccessResponse): Code[] {
  if (response.mediaTypes.length === 0) return [ts`undefined`];
  return response.mediaTypes.map((mediaType) => {
    if (!response.jsonMediaTypes.includes(mediaType)) return ts`string`;
    const body = ts`${operationType(operation)}["responses"][${statusKey(response.code)}]["content"]${key(mediaType)}`;
    // Readable drops writeOnly properties and unwraps readOnly ones.
    return operation.resultReachesMarkers ? ts`Readable<${body}>` : body;
  });
}

/** A union of types, each once. */
function union(types: Code[]): Code {
  return join([...new Map(types.map((type) => [type.text, type])).values()], ts` | `);
}

/** The `data` of one server-sent event: the event-stream schema's type when the events are JSON, else text. */
export function eventTypeExpression(operation: OperationModel): Code {
  if (operation.eventData !== "json") return ts`string`;
  return union(
    operation.successResponses
      .filter((response) => response.mediaTypes.includes(EVENT_STREAM))
      .map(
        (response) =>
          ts`${operationType(operation)}["responses"][${statusKey(response.code)}]["content"]${key(EVENT_STREAM)}`,
      ),
  );
}

/** One item of a paginated operation's page: the array at the config's `items` path (or the body itself). */
export function itemTypeExpression(resultType: Code, itemsPath: string | undefined): Code {
  let list = resultType;
  for (const field of itemsPath?.split(".") ?? []) list = ts`NonNullable<${list}>${key(field)}`;
  return ts`NonNullable<${list}>[number]`;
}

/** The named method's success type. */
export function resultTypeExpression(operation: OperationModel): Code {
  switch (operation.successParse) {
    case "event-stream":
      return ts`AsyncIterable<ServerSentEvent<${eventTypeExpression(operation)}>>`;
    case "text":
      return ts`string`;
    case "blob":
      return ts`Blob`;
    case "none":
      return ts`undefined`;
    default:
      return union(operation.successResponses.flatMap((response) => successBodyTypes(operation, response)));
  }
}

/** openapi-typescript's read/write helpers (exported from schema.ts) the expressions above use. */
export function schemaTypeHelpers(expressions: Code[]): string[] {
  return ["Readable", "Writable"].filter((helper) =>
    expressions.some((expression) => expression.text.includes(`${helper}<`)),
  );
}

/** The `@specsdk/core` type helpers the expressions above use, for the import line. */
export function coreTypeHelpers(expressions: Code[]): string[] {
  return ["Simplify", "WithOptionalField", "ServerSentEvent"].filter((helper) =>
    expressions.some((expression) => expression.text.includes(`${helper}<`)),
  );
}
