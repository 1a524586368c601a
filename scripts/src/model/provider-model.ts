import {
  type BodyInput,
  type CredentialPlacement,
  isJsonMediaType,
  type OperationDefinition,
  RETRY_SAFE_METHODS,
  type SuccessParse,
} from "../shared/runtime-vocabulary.js";
import { SpecError } from "../shared/spec-error.js";
import {
  HTTP_METHODS,
  type HttpMethod,
  type MediaTypeObject,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  type RequestBodyObject,
  type ResponseObject,
  resolveLocal,
  type SchemaObject,
  type SecuritySchemeObject,
  type ServerObject,
} from "../spec/openapi-types.js";
import type { PaginationConfig, ProviderConfig } from "../spec/provider-config.js";
import { type CompanionHeader, CredentialSchemes } from "./credential-schemes.js";
import { type DeprecatedAlias, resolveDeprecatedAliases } from "./deprecated-aliases.js";
import { uniqueNames } from "./naming.js";
import { prismRoutesElsewhere } from "./prism-routing.js";
import { tooComplexForPrism } from "./prism-sampler.js";
import { ReadWriteMarkers } from "./read-write-markers.js";
import { schemaValidatorFor } from "./schema-validator.js";
import { unsatisfiableRequest } from "./unsatisfiable-request.js";

/** Everything the emitters need about one operation, computed once from the spec + config. */
export interface OperationModel {
  name: string;
  method: HttpMethod;
  path: string;
  operationId?: string | undefined;
  summary?: string | undefined;
  description?: string | undefined;
  deprecated: boolean;
  serverUrl: string;
  parameters: ParameterObject[];
  bodyInput: BodyInput;
  /** Whether the spec marks the request body required (`false` when there is none). */
  bodyRequired: boolean;
  /** Request body media type chosen from the spec (JSON preferred), when there is a body. */
  bodyMediaType?: string | undefined;
  /** `grouped` when parameter names clash across locations: the argument mirrors openapi-fetch's `params`. */
  inputShape: NonNullable<OperationDefinition["inputShape"]>;
  successParse: SuccessParse;
  /** For event-stream operations: `json` when the spec gives the events a schema other than a string. */
  eventData?: OperationDefinition["eventData"];
  /** From the provider config, for list operations whose pages the client walks. */
  pagination?: PaginationConfig | undefined;
  /** Each 2xx response the spec documents, with its media types (none: an empty body). */
  successResponses: SuccessResponse[];
  /** Object schema of the request body when its fields sit in the argument (JSON or form). */
  bodySchema?: SchemaObject | undefined;
  /** The request body's chosen media type object (schema and example), when there is a body. */
  requestBodyMedia?: MediaTypeObject | undefined;
  /** Whether the named method's argument may be omitted (nothing in it is required). */
  inputOptional: boolean;
  authenticated: boolean;
  idempotent: boolean;
  responseCodes: string[];
  /** Documented statuses Prism cannot mock, with the reason (their contract tests are skipped, saying so). */
  unmockable: Record<string, string>;
  /** Whether the request body / a JSON success body reaches a readOnly or writeOnly property (its type is then wrapped). */
  bodyReachesMarkers: boolean;
  resultReachesMarkers: boolean;
  /** Why no valid request of this operation can be checked with Prism, if so (all its contract tests are skipped, saying so). */
  uncheckableRequest?: string | undefined;
}

export interface SuccessResponse {
  /** The key under `responses`: `200`, `204`, `2XX`. */
  code: string;
  mediaTypes: string[];
  /** Those of `mediaTypes` whose body is read as JSON: JSON ones, and wildcard ones (any type, `application/` anything) with an object or array schema. */
  jsonMediaTypes: string[];
  /** Whether its `text/event-stream` content has an example (a mock server can stream it). */
  eventStreamExample?: boolean;
}

export interface ProviderModel {
  /** Directory and spec file base name, e.g. `modelslab`. */
  name: string;
  specFile: string;
  specSha256: string;
  config: ProviderConfig;
  document: OpenApiDocument;
  defaultBaseUrl: string;
  placement: CredentialPlacement;
  operations: OperationModel[];
  /** Whether openapi-typescript marks readOnly/writeOnly properties for this spec (see read-write-markers.ts). */
  readWriteMarkers: boolean;
  /**
   * Credentials the spec requires together with the client's own, as headers (APISetu: an API key and
   * a client id on every call; NBG: a client id and an OAuth2 token). The client sends one
   * credential; users pass these through the `headers` option. `prefix` goes before the value
   * (`Bearer ` for a token in `Authorization`).
   */
  companionCredentialHeaders: CompanionHeader[];
  /** Old method names kept as `@deprecated` aliases (provider config `deprecatedAliases`), by name. */
  deprecatedAliases: DeprecatedAlias<OperationModel>[];
}

function serverUrl(servers: ServerObject[] | undefined): string | undefined {
  const [server] = servers ?? [];
  if (!server) return undefined;
  // Substitute server variables with their defaults ({region} → us-east-1).
  return server.url
    .replace(/\{([^}]+)\}/g, (match, name: string) => server.variables?.[name]?.default ?? match)
    .replace(/\/+$/, "");
}

function mergedParameters(
  document: OpenApiDocument,
  shared: unknown[] | undefined,
  own: unknown[] | undefined,
): ParameterObject[] {
  const byKey = new Map<string, ParameterObject>();
  for (const entry of [...(shared ?? []), ...(own ?? [])]) {
    const parameter = resolveLocal<ParameterObject>(document, entry as ParameterObject);
    byKey.set(`${parameter.in}:${parameter.name}`, parameter); // operation-level wins
  }
  return [...byKey.values()];
}

/** The body encoding a named method uses: JSON when offered, then forms, then whatever comes first. */
function preferredMediaType(content: Record<string, unknown> | undefined): string | undefined {
  const types = Object.keys(content ?? {});
  return (
    types.find(isJsonMediaType) ??
    types.find((type) => type === "application/x-www-form-urlencoded") ??
    types.find((type) => type.startsWith("multipart/form-data")) ??
    types[0]
  );
}

// Wildcard media types (any type, or `application/` with any subtype): the spec does not say what the body is.
const WILDCARD_MEDIA = /^[\w.+-]+\/\*$|^\*\/\*$/;

/** Whether a schema describes an object or array (what a wildcard response then carries is JSON). */
function isStructured(document: OpenApiDocument, schemaOrRef: unknown): boolean {
  if (schemaOrRef === undefined) return false;
  const schema = resolveLocal<SchemaObject>(document, schemaOrRef as SchemaObject);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return (
    types.includes("object") ||
    types.includes("array") ||
    schema.properties !== undefined ||
    schema.items !== undefined ||
    [schema.allOf, schema.oneOf, schema.anyOf].some((parts) => Array.isArray(parts) && parts.length > 0)
  );
}

function successResponsesOf(document: OpenApiDocument, operation: OperationObject): SuccessResponse[] {
  return Object.entries(operation.responses ?? {})
    .filter(([code]) => /^2(\d\d|XX)$/i.test(code))
    .map(([code, response]) => {
      const content = resolveLocal<ResponseObject>(document, response).content ?? {};
      const stream = content[EVENT_STREAM];
      const eventStreamExample =
        stream !== undefined && (stream.example !== undefined || stream.examples !== undefined);
      // 204 and 205 have no body by HTTP's definition, whatever content a spec lists for them (Asana).
      const mediaTypes = code === "204" || code === "205" ? [] : Object.keys(content);
      const jsonMediaTypes = mediaTypes.filter(
        (type) => isJsonMediaType(type) || (WILDCARD_MEDIA.test(type) && isStructured(document, content[type]?.schema)),
      );
      return { code, mediaTypes, jsonMediaTypes, ...(eventStreamExample ? { eventStreamExample } : {}) };
    });
}

/** The statuses fetch follows (304 Not Modified is returned as it is). */
const REDIRECT_STATUSES = new Set(["301", "302", "303", "307", "308"]);

/** Statuses whose documented response Prism cannot produce, with why. */
function unmockableResponses(
  document: OpenApiDocument,
  operation: OperationObject,
  placement: CredentialPlacement,
): Record<string, string> {
  const reasons: Record<string, string> = {};
  // The client follows redirects unless its key travels in a header or body (create-client.ts).
  const followsRedirects = placement.in !== "header" && placement.in !== "body";
  for (const [code, response] of Object.entries(operation.responses ?? {})) {
    if (followsRedirects && REDIRECT_STATUSES.has(code)) {
      reasons[code] =
        "fetch follows the redirect (to the spec's example Location, off the mock server) instead of returning it";
      continue;
    }
    const content = resolveLocal<ResponseObject>(document, response).content ?? {};
    const types = Object.keys(content);
    // Prism serialises objects only as JSON or XML: under `*/*`, `text/plain` or `application/pdf` (NBG's
    // error bodies) it answers 500 or nothing. (An event stream's schema describes each event's data:
    // Prism streams the spec's example.)
    const asText = (type: string) => type !== EVENT_STREAM && !isJsonMediaType(type) && !/xml/i.test(type);
    const onlyText = types.length > 0 && types.every(asText);
    if (onlyText && types.some((type) => isStructured(document, content[type]?.schema))) {
      reasons[code] = `Prism cannot serialise an object for a ${types.join(", ")} response (it answers 500)`;
      continue;
    }
    // Without an example Prism samples the schema, and gives up on a large one (EPA's facility report).
    const json = types.find(isJsonMediaType);
    const media = json === undefined ? undefined : content[json];
    if (media?.example === undefined && media?.examples === undefined && tooComplexForPrism(media?.schema, document)) {
      reasons[code] =
        "Prism cannot build a body this large from the schema, and the spec gives no example (it answers 500)";
    }
  }
  return reasons;
}

/** Why Prism would refuse a valid request body, or undefined: it reads a form or multipart field as one string, so array fields fail its check. */
function uncheckableRequest(
  document: OpenApiDocument,
  mediaType: string | undefined,
  schema: SchemaObject | undefined,
) {
  const form = mediaType?.startsWith("multipart/form-data") || mediaType === "application/x-www-form-urlencoded";
  if (!form || !schema) return undefined;
  const arrays = (schema.required ?? []).filter((field) => {
    const property = schema.properties?.[field];
    return property !== undefined && resolveLocal<SchemaObject>(document, property).type === "array";
  });
  return arrays.length > 0
    ? `Prism reads a ${mediaType?.startsWith("multipart/") ? "multipart" : "form"} field as one string and refuses the array field${arrays.length > 1 ? "s" : ""} ${arrays.join(", ")} (a Prism limitation)`
    : undefined;
}

/**
 * Why Prism would refuse a request that leaves out an optional `deepObject` query parameter, or
 * undefined: it reads the absent parameter as an empty object and checks that against the properties
 * its schema requires (Stripe's `automatic_tax` on `GET /v1/invoices/upcoming`).
 */
function absentDeepObjectRefused(document: OpenApiDocument, parameters: ParameterObject[]): string | undefined {
  const refused = parameters
    .filter((parameter) => parameter.in === "query" && parameter.style === "deepObject" && !parameter.required)
    .filter((parameter) => (resolveLocal<SchemaObject>(document, parameter.schema ?? {}).required ?? []).length > 0)
    .map((parameter) => parameter.name);
  if (refused.length === 0) return undefined;
  return `Prism reads the optional deepObject query parameter${refused.length > 1 ? "s" : ""} ${refused.join(", ")} as an empty object when left out, and refuses it for the properties it requires (a Prism limitation)`;
}

/** Server-sent events: the success body is handed over as events arrive. */
export const EVENT_STREAM = "text/event-stream";

/** How the success body is read, from the 2xx responses' media types. */
function successParseFor(successes: SuccessResponse[]): OperationModel["successParse"] {
  const types = successes.flatMap((response) => response.mediaTypes);
  if (types.length === 0) return "none";
  if (types.includes(EVENT_STREAM)) return "event-stream";
  if (successes.some((response) => response.jsonMediaTypes.length > 0)) return "json";
  if (types.some((type) => type.startsWith("text/") || /\bxml\b/i.test(type))) return "text";
  return "blob";
}

/** Whether an event-stream operation's events carry JSON: its event-stream schema is anything but a string. */
function eventDataOf(
  document: OpenApiDocument,
  operation: OperationObject,
): NonNullable<OperationDefinition["eventData"]> {
  for (const [code, response] of Object.entries(operation.responses ?? {})) {
    if (!code.startsWith("2")) continue;
    const schema = resolveLocal<ResponseObject>(document, response).content?.[EVENT_STREAM]?.schema;
    if (schema) return resolveLocal<SchemaObject>(document, schema).type === "string" ? "text" : "json";
  }
  return "text";
}

/** A form or JSON object schema whose properties can sit in the named method's argument. */
function objectBodySchema(document: OpenApiDocument, body: RequestBodyObject | undefined): SchemaObject | undefined {
  const mediaType = preferredMediaType(body?.content);
  const media = mediaType ? body?.content?.[mediaType] : undefined;
  if (!mediaType || !media?.schema || !(isJsonMediaType(mediaType) || mediaType.includes("form"))) return undefined;
  const schema = resolveLocal<SchemaObject>(document, media.schema);
  // `properties` beside `type: array` (or `items`) describe nothing an array has: the body stays an array.
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? "object"];
  const isObject = types.includes("object") && schema.items === undefined;
  return isObject && schema.properties && !schema.allOf && !schema.oneOf && !schema.anyOf ? schema : undefined;
}

function placementFor(document: OpenApiDocument, config: ProviderConfig, specFile: string): CredentialPlacement {
  const { auth } = config;
  if (auth.in === "bearer" || auth.in === "basic" || auth.in === "none") return { in: auth.in };
  if (auth.in) return { in: auth.in, name: auth.name as string };
  // Not configured: take the first security scheme the spec uses.
  const requirements = [
    ...(document.security ?? []),
    ...Object.values(document.paths ?? {}).flatMap((item) =>
      HTTP_METHODS.flatMap((method) => (item[method] as OperationObject | undefined)?.security ?? []),
    ),
  ];
  const schemeName = requirements.flatMap((requirement) => Object.keys(requirement))[0];
  const scheme = schemeName ? document.components?.securitySchemes?.[schemeName] : undefined;
  if (!scheme || !schemeName) {
    throw new SpecError(
      specFile,
      'the spec declares no security scheme; say where the key goes with "auth.in" in the provider config ("none" for a keyless API)',
    );
  }
  const resolved = resolveLocal<SecuritySchemeObject>(document, scheme);
  if (resolved.type === "apiKey" && resolved.in && resolved.name) return { in: resolved.in, name: resolved.name };
  if (resolved.type === "http" && resolved.scheme?.toLowerCase() === "basic") return { in: "basic" };
  return { in: "bearer" };
}

/** Whether a parameter is where the client puts the key (so callers need not pass it). */
export function isCredentialParameter(placement: CredentialPlacement, parameter: ParameterObject): boolean {
  if (!("name" in placement) || placement.in !== parameter.in) return false;
  // Header names are case-insensitive.
  return placement.in === "header"
    ? placement.name.toLowerCase() === parameter.name.toLowerCase()
    : placement.name === parameter.name;
}

/**
 * A declared body a named method leaves out: on GET and HEAD (fetch cannot send one; Stripe declares
 * empty form bodies on them), and an optional body whose schema allows nothing (no properties, no others).
 */
function hasNothingToSend(document: OpenApiDocument, method: HttpMethod, body: RequestBodyObject): boolean {
  if (method === "get" || method === "head") return true;
  if (body.required) return false;
  const mediaType = preferredMediaType(body.content);
  const schemaOrRef = mediaType ? body.content?.[mediaType]?.schema : undefined;
  if (schemaOrRef === undefined) return false;
  const schema = resolveLocal<SchemaObject>(document, schemaOrRef);
  return Object.keys(schema.properties ?? {}).length === 0 && schema.additionalProperties === false;
}

/** Whether any property of the request body is required (credential field excluded). */
function bodyHasRequiredFields(
  body: RequestBodyObject | undefined,
  schema: SchemaObject | undefined,
  credentialField: string | undefined,
): boolean {
  if (!body?.required) return false;
  if (!schema) return true;
  return (schema.required ?? []).some((field) => field !== credentialField);
}

/** What every operation of one spec is modelled against. */
interface ModelContext {
  document: OpenApiDocument;
  placement: CredentialPlacement;
  markers: ReadWriteMarkers;
  credentialBodyField: string | undefined;
  credentialSchemes: CredentialSchemes;
}

/** One operation's model, all but its method name (names are chosen across all operations at once). */
function operationModel(
  context: ModelContext,
  path: string,
  item: PathItemObject,
  method: HttpMethod,
  operation: OperationObject,
): Omit<OperationModel, "name"> {
  const { document, placement, markers, credentialBodyField, credentialSchemes } = context;
  const parameters = mergedParameters(document, item.parameters, operation.parameters);
  const declaredBody = operation.requestBody
    ? resolveLocal<RequestBodyObject>(document, operation.requestBody)
    : undefined;
  const body = declaredBody && !hasNothingToSend(document, method, declaredBody) ? declaredBody : undefined;
  const bodySchema = objectBodySchema(document, body);
  const parameterNames = new Set(parameters.map((parameter) => parameter.name));
  const clashes = Object.keys(bodySchema?.properties ?? {}).some(
    (field) => parameterNames.has(field) || field === "body",
  );
  const bodyInput = !body ? "none" : bodySchema && !clashes ? "fields" : "property";
  // The same name in two locations (`id` in path and query), or a parameter called `body`
  // next to a body, cannot be flattened into one argument.
  const grouped = parameterNames.size < parameters.length || (bodyInput === "property" && parameterNames.has("body"));
  const security = operation.security ?? document.security ?? [];
  const requiresScheme = security.some((requirement) => Object.keys(requirement).length > 0);
  const bodyCarriesKey =
    credentialBodyField !== undefined && bodySchema?.properties?.[credentialBodyField] !== undefined;
  // A key declared as a parameter (`?api_key=` on every operation) is one the client fills in.
  const parameterCarriesKey = parameters.some((parameter) => isCredentialParameter(placement, parameter));
  const successResponses = successResponsesOf(document, operation);
  const resolvedServer = serverUrl(operation.servers) ?? serverUrl(item.servers) ?? serverUrl(document.servers) ?? "";
  return {
    method,
    path,
    operationId: operation.operationId,
    summary: operation.summary,
    description: operation.description,
    deprecated: operation.deprecated === true,
    serverUrl: resolvedServer,
    parameters,
    bodyInput,
    bodyRequired: body?.required === true,
    bodyMediaType: preferredMediaType(body?.content),
    requestBodyMedia: body?.content?.[preferredMediaType(body.content) ?? ""],
    inputShape: grouped ? "grouped" : "flat",
    successParse: successParseFor(successResponses),
    eventData: successParseFor(successResponses) === "event-stream" ? eventDataOf(document, operation) : undefined,
    successResponses,
    bodySchema,
    inputOptional:
      !parameters.some(
        (parameter) => (parameter.required || parameter.in === "path") && !isCredentialParameter(placement, parameter),
      ) &&
      !(bodyInput === "property" && body?.required) &&
      !bodyHasRequiredFields(body, bodySchema, credentialBodyField),
    authenticated: requiresScheme || bodyCarriesKey || parameterCarriesKey,
    idempotent: RETRY_SAFE_METHODS.has(method.toUpperCase()),
    responseCodes: Object.keys(operation.responses ?? {}),
    bodyReachesMarkers: markers.reaches(body?.content?.[preferredMediaType(body.content) ?? ""]?.schema),
    resultReachesMarkers: successResponses.some((response) =>
      response.jsonMediaTypes.some((type) =>
        markers.reaches(
          resolveLocal<ResponseObject>(document, operation.responses?.[response.code] as ResponseObject).content?.[type]
            ?.schema,
        ),
      ),
    ),
    unmockable: unmockableResponses(document, operation, placement),
    uncheckableRequest: path.includes("#")
      ? "Prism cannot route a path whose spec key carries a fragment (the client sends it without)"
      : path.includes("?")
        ? "Prism cannot route a path whose spec key carries a query string (ClickSend's `/export?filename={filename}`)"
        : declaredBody?.required && !body
          ? `the spec requires a request body on ${method.toUpperCase()}, which fetch cannot send`
          : (uncheckableRequest(document, preferredMediaType(body?.content), bodySchema) ??
            absentDeepObjectRefused(document, parameters) ??
            credentialSchemes.unmetRequirement(security)),
  };
}

/**
 * Requests the contract tests cannot check against Prism: what no request can satisfy, and paths
 * Prism routes to another operation. A reason found earlier (per operation) is kept.
 */
function markPrismLimits(document: OpenApiDocument, raw: Omit<OperationModel, "name">[]): void {
  for (const operation of raw) {
    operation.uncheckableRequest ??= unsatisfiableRequest(document, operation, schemaValidatorFor(document));
    const routed = operation.uncheckableRequest ? undefined : prismRoutesElsewhere(operation, raw);
    if (routed) {
      operation.uncheckableRequest = `Prism routes ${operation.path} to ${routed.method.toUpperCase()} ${routed.path} (it matches path templates unanchored; a Prism limitation)`;
    }
  }
}

/** The operation a provider config names (`what`: how the config refers to it, for the error). */
function configuredOperation(
  operations: OperationModel[],
  name: string,
  specFile: string,
  what: string,
): OperationModel {
  const operation = operations.find((candidate) => candidate.name === name);
  if (!operation) {
    const names = operations.map((candidate) => candidate.name);
    throw new SpecError(
      specFile,
      `provider config ${what} "${name}", which the spec does not have (known: ${names.join(", ")})`,
    );
  }
  return operation;
}

/** The config's `idempotentOperations` and `pagination`, applied to the operations they name. */
function applyOperationConfig(config: ProviderConfig, operations: OperationModel[], specFile: string): void {
  for (const name of config.idempotentOperations ?? []) {
    configuredOperation(operations, name, specFile, "lists idempotent operation").idempotent = true;
  }
  for (const [name, pagination] of Object.entries(config.pagination ?? {})) {
    configuredOperation(operations, name, specFile, "paginates operation").pagination = pagination;
  }
}

/** The default base URL: the server most operations use (ties: the first by name); others carry their own. */
function mostUsedServer(operations: OperationModel[]): string {
  const counts = new Map<string, number>();
  for (const operation of operations) counts.set(operation.serverUrl, (counts.get(operation.serverUrl) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "";
}

export function buildProviderModel(input: {
  name: string;
  specFile: string;
  specSha256: string;
  document: OpenApiDocument;
  config: ProviderConfig;
}): ProviderModel {
  const { document, config, specFile } = input;
  const placement = placementFor(document, config, specFile);
  const context: ModelContext = {
    document,
    placement,
    markers: new ReadWriteMarkers(document),
    credentialBodyField: placement.in === "body" ? placement.name : undefined,
    credentialSchemes: new CredentialSchemes(document, placement),
  };
  const raw: Omit<OperationModel, "name">[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      try {
        raw.push(operationModel(context, path, item, method, operation));
      } catch (error) {
        if (error instanceof SpecError) throw error;
        throw new SpecError(specFile, `${method.toUpperCase()} ${path}: ${(error as Error).message}`);
      }
    }
  }
  if (raw.length === 0) throw new SpecError(specFile, "the spec has no operations under `paths`");
  markPrismLimits(document, raw);

  const names = uniqueNames(raw);
  const operations = raw.map((operation, index) => ({ ...operation, name: names[index] as string }));
  applyOperationConfig(config, operations, specFile);

  return {
    ...input,
    defaultBaseUrl: mostUsedServer(operations),
    placement,
    operations,
    readWriteMarkers: context.markers.enabled,
    companionCredentialHeaders: context.credentialSchemes.companionHeaders(),
    deprecatedAliases: resolveDeprecatedAliases(config, operations, specFile),
  };
}
