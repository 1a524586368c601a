import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import * as fc from "fast-check";
import { parse } from "yaml";
import {
  contractFetch,
  describeViolations,
  nonConformingFetch,
  type PrismViolation,
  specFindings,
  takeViolations,
} from "./contract.js";
import { type JsonSchema, schemaArbitrary } from "./schema-arbitrary.js";
import { createSchemaCheck, type SchemaCheck } from "./schema-check.js";

/** What the property needs of a generated operation table entry (`provider.operations.x` of a provider package). */
export interface PropertyOperation {
  method: string;
  path: string;
  pathParams: readonly string[];
  queryParams: readonly string[];
  headerParams: readonly string[];
  cookieParams: readonly string[];
  bodyInput: "none" | "fields" | "property";
  bodyMediaType?: string;
  /** A `fields` body the spec does not require: no field given, no body sent. */
  bodyOptional?: boolean;
  inputShape: "flat" | "grouped";
  authenticated?: boolean;
  /** How the named method reads a success body (absent: JSON); the raw call is told the same. */
  successParse?: string;
}

/** What the property needs of a provider definition (`provider` of a provider package). */
export interface PropertyProvider {
  name: string;
  auth: { placement: { in: string; name?: string } };
  operations: Record<string, PropertyOperation>;
}

type Fetch = (request: Request, init?: RequestInit) => Promise<Response>;
type RawResult = { data?: unknown; error?: unknown; response: Response };
/** A client as the property drives it: named methods and the raw `GET`/`POST`/… calls, untyped. */
export type AnyClient = Record<string, (...args: never[]) => unknown>;

/** One request as it left the client: everything a server could tell apart. */
export interface SentRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
  /** Prism's `sl-violations` for this request (both sides), parsed. */
  violations: PrismViolation[];
  status: number;
  /** The response body as the server sent it, before the client decoded it (read on demand). */
  responseText: () => Promise<string>;
}

/**
 * A `fetch` that records each request as sent (method, URL, every header, body text) and Prism's
 * `sl-violations` for it, then forwards it (by default through `contractFetch`, which also records
 * request violations for the contract assertion).
 */
export function capturingFetch(forward: Fetch = contractFetch): { fetch: Fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const fetch: Fetch = async (request, init) => {
    const body = await request.clone().text();
    const headers = [...request.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const record: SentRequest = {
      method: request.method,
      url: request.url,
      headers,
      body,
      violations: [],
      status: 0,
      responseText: async () => "",
    };
    sent.push(record);
    const response = await forward(request, init);
    record.violations = specFindings(response);
    record.status = response.status;
    // A copy taken before the client reads the body; read only when a check needs the server's bytes.
    const copy = response.clone();
    record.responseText = () => copy.text();
    return response;
  };
  return { fetch, sent };
}

/** How many runs and which seed: fixed defaults for `pnpm test`, `pnpm fuzz` overrides them through these. */
export const FUZZ_ENV = { runs: "SPECSDK_FUZZ_RUNS", seed: "SPECSDK_FUZZ_SEED", path: "SPECSDK_FUZZ_PATH" } as const;
export const DEFAULT_RUNS = 50;
export const DEFAULT_SEED = 1602;

export function fuzzSettings(): { numRuns: number; seed: number; path?: string } {
  const runs = Number(process.env[FUZZ_ENV.runs] ?? DEFAULT_RUNS);
  const seed = Number(process.env[FUZZ_ENV.seed] ?? DEFAULT_SEED);
  const path = process.env[FUZZ_ENV.path];
  return { numRuns: runs, seed, ...(path ? { path } : {}) };
}

/** Enough time for the runs (Prism answers in milliseconds; shrinking a failure costs more). */
export function propertyTimeout(): number {
  return 30_000 + fuzzSettings().numRuns * 200;
}

type Schema = { [keyword: string]: unknown };
interface SpecOperation {
  parameters: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  body?: { required: boolean; mediaType: string; schema: JsonSchema };
  responses: Record<string, Schema>;
}

/** Follows internal `$ref`s from `node` to the object they name. */
export function deref<T>(document: unknown, node: T): T {
  let current = node as unknown;
  for (let depth = 0; depth < 32; depth++) {
    const ref = (current as Schema | undefined)?.$ref;
    if (typeof ref !== "string") return current as T;
    current = ref
      .slice(2)
      .split("/")
      .reduce<unknown>(
        (at, key) => (at as Schema | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
        document,
      );
  }
  throw new Error("operation-property: $ref chain too long");
}

function readOperation(document: Schema, table: PropertyOperation): SpecOperation {
  const { method, path } = table;
  const item = deref(document, (document.paths as Schema)?.[path]) as Schema | undefined;
  const found = deref(document, item?.[method.toLowerCase()]) as Schema | undefined;
  if (!item || !found) throw new Error(`operation-property: the spec has no ${method.toUpperCase()} ${path}`);
  const byKey = new Map<string, SpecOperation["parameters"][number]>();
  for (const raw of [...((item.parameters as unknown[]) ?? []), ...((found.parameters as unknown[]) ?? [])]) {
    const parameter = deref(document, raw) as Schema;
    if (parameter.schema === undefined) {
      throw new Error(
        `operation-property: parameter ${String(parameter.name)} has no schema (content parameters are not generated yet)`,
      );
    }
    byKey.set(`${String(parameter.in)}:${String(parameter.name)}`, {
      name: String(parameter.name),
      in: String(parameter.in),
      required: parameter.required === true || parameter.in === "path",
      schema: parameter.schema as JsonSchema,
    });
  }
  const operation: SpecOperation = { parameters: [...byKey.values()], responses: {} };
  // A body the client never sends is not read: the generator drops an empty one on a GET or DELETE (Stripe's forms).
  const requestBody =
    table.bodyInput === "none" ? undefined : (deref(document, found.requestBody) as Schema | undefined);
  if (requestBody) {
    const content = (requestBody.content ?? {}) as Record<string, Schema>;
    const mediaType = Object.keys(content).find((type) => /\bjson\b/i.test(type));
    if (mediaType === undefined) {
      throw new Error(`operation-property: only JSON bodies are generated yet, not ${Object.keys(content).join(", ")}`);
    }
    operation.body = {
      required: requestBody.required === true,
      mediaType,
      schema: ((content[mediaType] as Schema).schema ?? true) as JsonSchema,
    };
  }
  for (const [status, response] of Object.entries((found.responses ?? {}) as Record<string, unknown>)) {
    operation.responses[status] = deref(document, response) as Schema;
  }
  return operation;
}

/** The schema of a response's body, by its status (exact, then `2XX`, then `default`) and media type. */
function responseSchema(operation: SpecOperation, response: Response): JsonSchema | undefined {
  const status = String(response.status);
  const declared = operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
  const content = (declared?.content ?? {}) as Record<string, Schema>;
  const type = response.headers.get("content-type")?.split(";")[0]?.trim() ?? "";
  const media = content[type] ?? Object.entries(content).find(([name]) => /\bjson\b/i.test(name))?.[1];
  return media ? ((media.schema ?? true) as JsonSchema) : undefined;
}

/** Whether a path parameter value can be its own segment: not missing, empty, `.` or `..`, nor an empty array or object. */
function sendableInPath(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return !/^\.{0,2}$/.test(String(value));
}

/**
 * Whether a query or header value is sent as something: `""`, `[]`, `{}` (or an array holding `""`)
 * go out empty, and Prism, as OpenAPI says without `allowEmptyValue`, reads an empty value as missing
 * (found on FraudLabs Pro's required `tran_id`, Xero's `xero-tenant-id` header, EVEMarketer's `typeid`).
 */
function nonEmptyOnTheWire(value: unknown): boolean {
  if (value === "") return false;
  if (Array.isArray(value)) return value.length > 0 && value.every(nonEmptyOnTheWire);
  if (typeof value === "object" && value !== null) return Object.keys(value).length > 0;
  return true;
}

/**
 * Whether a header value is one HTTP can carry and keeps: Latin-1 without control characters (the
 * client refuses the rest before sending), and not blank, since surrounding whitespace is dropped.
 */
function sendableInHeader(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(sendableInHeader);
  if (typeof value === "object" && value !== null) return Object.values(value).every(sendableInHeader);
  const text = String(value);
  return text.trim() !== "" && /^[\t\x20-\x7e\x80-\xff]*$/.test(text);
}

/** `Accept` and `Content-Type`: header parameters whose value Prism parses as a media type. */
export function namesMediaType(headerName: string): boolean {
  return /^(accept|content-type)$/i.test(headerName);
}

/**
 * Values for a header parameter that names a media type (Lufthansa declares `Accept` as a string):
 * Prism parses it as one and crashes the server on other text, so it gets the operation's own types.
 */
function mediaTypeHeader(operation: SpecOperation, name: string): fc.Arbitrary<string> | undefined {
  if (!namesMediaType(name)) return undefined;
  if (name.toLowerCase() === "content-type") return fc.constant(operation.body?.mediaType ?? "application/json");
  const served = Object.entries(operation.responses)
    .filter(([status]) => status.startsWith("2"))
    .flatMap(([, response]) => Object.keys((response.content ?? {}) as object))
    .filter((type) => !type.includes("*"));
  return served.length > 0 ? fc.constantFrom(...served) : fc.constant("application/json");
}

/** One generated call: parameters by location and the body, as the raw call takes them. */
export interface GeneratedCall {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body?: unknown;
}

/** The named method's single argument for a generated call, as named-methods.ts splits it again. */
export function namedInput(operation: PropertyOperation, call: GeneratedCall): Record<string, unknown> {
  if (operation.inputShape === "grouped") {
    return {
      path: call.path,
      query: call.query,
      header: call.header,
      ...(call.body === undefined ? {} : { body: call.body }),
    };
  }
  const input: Record<string, unknown> = { ...call.path, ...call.query, ...call.header };
  if (operation.bodyInput === "property" && call.body !== undefined) input.body = call.body;
  if (operation.bodyInput === "fields" && call.body !== undefined) Object.assign(input, call.body);
  return input;
}

/**
 * The raw call's init for a generated call: the request the named method sends. A named method whose
 * body fields sit in its argument (`bodyInput: "fields"`) sends the fields given as the body; with none
 * given, `{}` where the spec requires a body and no body where it does not (`bodyOptional`).
 */
export function rawInit(
  call: GeneratedCall,
  operation?: PropertyOperation,
): { params: object; body?: unknown; parseAs?: string } {
  let body = call.body;
  if (operation?.bodyInput === "fields") {
    const given = Object.values((body ?? {}) as object).some((value) => value !== undefined);
    body = given || !operation.bodyOptional ? (body ?? {}) : undefined;
  }
  return {
    params: { path: call.path, query: call.query, header: call.header },
    ...(body === undefined ? {} : { body }),
    // A raw call reads JSON unless told otherwise, as openapi-fetch does; the named method knows.
    ...(operation?.successParse === "text" ? { parseAs: "text" } : {}),
  };
}

export interface OperationPropertyOptions {
  /** The spec the client was generated from (the file Prism serves). */
  spec: string;
  provider: PropertyProvider;
  /** The named method, a key of `provider.operations`. */
  name: string;
  /** A client of the provider against Prism that sends every request through `fetch`. */
  client: (fetch: Fetch) => AnyClient;
}

const loadedSpecs = new Map<string, { document: Schema; check: SchemaCheck }>();

/**
 * The spec parsed, and its schema checker, once per test file: every operation's two properties read
 * the same document, and parsing a multi-megabyte YAML spec per test made large specs (GitHub
 * Enterprise's 642 operations) run past any time limit. Neither is modified after loading.
 */
function loadSpec(path: string): { document: Schema; check: SchemaCheck } {
  let loaded = loadedSpecs.get(path);
  if (!loaded) {
    const document = parse(readFileSync(path, "utf8")) as Schema;
    loaded = { document, check: createSchemaCheck(document) };
    loadedSpecs.set(path, loaded);
  }
  return loaded;
}

/**
 * Builds, for one operation, the arbitrary of valid calls from the spec's schemas, and the checker.
 * Credentials the client fills in (a body field or query parameter named by the auth placement) are
 * generated as optional: absent, the client adds its key; present, the caller's value is sent.
 */
export function operationCalls(options: Pick<OperationPropertyOptions, "spec" | "provider" | "name">) {
  const { document, check } = loadSpec(options.spec);
  const table = options.provider.operations[options.name];
  if (!table) throw new Error(`operation-property: ${options.provider.name} has no operation ${options.name}`);
  const operation = readOperation(document, table);
  const accepts = (schema: JsonSchema, value: unknown) => check(schema, value).length === 0;
  const arbitrary = (schema: JsonSchema) => schemaArbitrary(schema, { root: document, accepts });
  const { placement } = options.provider.auth;
  const filled = table.authenticated ? placement : undefined;

  const section = (location: string) => {
    const parameters = operation.parameters.filter((parameter) => parameter.in === location);
    const model = Object.fromEntries(
      parameters.map((parameter) => {
        const mediaType = location === "header" ? mediaTypeHeader(operation, parameter.name) : undefined;
        if (mediaType) return [parameter.name, mediaType];
        const values = arbitrary(parameter.schema);
        // A path segment that is empty, `.` or `..` cannot be sent (a URL parser removes it): the
        // runtime refuses such values by design (safe-path.ts); the negative properties cover them.
        const sendable =
          location === "path" ? sendableInPath : location === "header" ? sendableInHeader : nonEmptyOnTheWire;
        // Valid as a value may still be invalid as the text it travels as, which is what Prism checks:
        // a number for `oneOf: [integer, string]` matches both branches once read as text.
        const validAsText = (value: unknown) => check(parameter.schema, value, { asText: true }).length === 0;
        return [parameter.name, values.filter((value) => sendable(value) && validAsText(value))];
      }),
    );
    const required = parameters
      .filter((parameter) => parameter.required && !(filled?.in === location && filled.name === parameter.name))
      .map((parameter) => parameter.name);
    return fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
  };
  if (operation.parameters.some((parameter) => parameter.in === "cookie")) {
    throw new Error("operation-property: cookie parameters are not generated yet");
  }
  let body: fc.Arbitrary<unknown> = fc.constant(undefined);
  if (operation.body) {
    let schema = operation.body.schema;
    const resolved = deref(document, schema);
    if (filled?.in === "body" && typeof resolved === "object" && Array.isArray(resolved.required)) {
      schema = { ...resolved, required: resolved.required.filter((name) => name !== filled.name) };
    }
    // A named method whose body fields sit in its argument sends `{}` when no field is given, unless the
    // table says the body is optional: "no body" is generated only where it can be sent.
    const always = operation.body.required || (table.bodyInput === "fields" && !table.bodyOptional);
    // A nullable body schema allows `null`, but Prism reads a JSON `null` body as no body (GitHub's PATCH /gists/{id}).
    const sendable = arbitrary(schema).filter((value) => value !== null);
    body = always ? sendable : fc.option(sendable, { nil: undefined });
  }
  const calls: fc.Arbitrary<GeneratedCall> = fc
    .record({
      path: section("path"),
      query: section("query"),
      header: section("header"),
      body,
    })
    .map(({ body: value, ...params }) => (value === undefined ? params : { ...params, body: value }));

  /** Every generated value, checked against its own schema: a failure here is the arbitrary's fault. */
  const problemsWith = (call: GeneratedCall): string[] => {
    const problems: string[] = [];
    for (const parameter of operation.parameters) {
      const value = (call[parameter.in as "path" | "query" | "header"] as Record<string, unknown>)[parameter.name];
      if (value === undefined) continue;
      for (const line of check(parameter.schema, value)) problems.push(`${parameter.in} ${parameter.name}: ${line}`);
    }
    if (operation.body && call.body !== undefined) {
      const withKey =
        filled?.in === "body" && typeof call.body === "object" && call.body !== null && !(filled.name! in call.body)
          ? { ...call.body, [filled.name!]: "key" }
          : call.body;
      for (const line of check(operation.body.schema, withKey)) problems.push(`body: ${line}`);
    }
    return problems;
  };
  return { document, operation, table, calls, check, problemsWith };
}

/**
 * The contract property of one operation: every valid call (generated from the spec's schemas),
 * sent through the named method and through the raw call to Prism, gets no request-side
 * `sl-violations`, a 2xx response whose body validates against its declared schema, and both calls
 * send byte-identical requests (method, URL, every header, body). Runs and seed come from
 * `fuzzSettings()`; a failure reports fast-check's shrunk counterexample and how to replay it.
 */
export async function checkOperationProperty(options: OperationPropertyOptions): Promise<void> {
  const { operation, table, calls, check, problemsWith } = operationCalls(options);
  const responseFindings: string[] = [];
  const verifyStatus = (label: string, response: Response) => {
    if (!response.ok) throw new Error(`${label}: Prism answered ${response.status}, not 2xx`);
  };
  const verifyBody = async (label: string, response: Response, data: unknown, sent: SentRequest | undefined) => {
    verifyStatus(label, response);
    // HTTP gives a 204 or 205 no body, whatever content the spec declares for it (VPC Lattice's DELETEs).
    if (response.status === 204 || response.status === 205) {
      if (data !== undefined) throw new Error(`${label}: a ${response.status} decoded to ${JSON.stringify(data)}`);
      return;
    }
    const schema = responseSchema(operation, response);
    if (schema === undefined) return;
    // A body that is not JSON (XML, text) reaches the caller as its text: there is nothing to validate.
    if (!/\bjson\b/i.test(response.headers.get("content-type") ?? "")) {
      if (typeof data !== "string") throw new Error(`${label}: a non-JSON body decoded to ${typeof data}, not text`);
      return;
    }
    const problems = check(schema, data);
    if (problems.length === 0) return;
    const mock = sent ? await mockBreaksSchema(sent, data) : false;
    if (!mock) {
      throw new Error(
        `${label}: the decoded body ${JSON.stringify(data)} breaks the response schema: ${problems.join("; ")}`,
      );
    }
    const where = `${table.method.toUpperCase()} ${table.path} ${response.status}`;
    responseFindings.push(`${where}: Prism's mock body breaks the response schema: ${problems.join("; ")}`);
  };
  const property = fc.asyncProperty(calls, async (call) => {
    const invalid = problemsWith(call);
    if (invalid.length > 0) throw new Error(`the arbitrary generated an invalid call: ${invalid.join("; ")}`);
    takeViolations();
    const named = capturingFetch();
    const raw = capturingFetch();
    const method = table.method.toUpperCase();
    const result = (await (
      options.client(named.fetch)[options.name] as (input: unknown) => {
        withResponse(): Promise<{ data: unknown; response: Response }>;
      }
    )(namedInput(table, call)).withResponse()) as { data: unknown; response: Response };
    const rawResult = (await (options.client(raw.fetch)[method] as (path: string, init: unknown) => Promise<RawResult>)(
      table.path,
      rawInit(call, table),
    )) as RawResult;
    const recorded = takeViolations();
    const requests = describeViolations(recorded, "request");
    if (requests.length > 0) throw new Error(`Prism reported sl-violations for the request:\n${requests.join("\n")}`);
    const findings = describeViolations(recorded, "response");
    responseFindings.push(...findings);
    // Prism's mock answer breaks the spec's own schema (an example that does not fit it, such as
    // Xero's JSON written as text): the spec disagrees with itself, reported below, not failed.
    const verify = findings.length > 0 ? verifyStatus : verifyBody;
    await verify("named call", result.response, result.data, named.sent[0]);
    if (rawResult.error !== undefined) throw new Error(`raw call: error ${JSON.stringify(rawResult.error)}`);
    await verify("raw call", rawResult.response, rawResult.data, raw.sent[0]);
    const strip = ({ violations: _, status: __, responseText: ___, ...request }: SentRequest) => request;
    const [one, two] = [named.sent.map(strip), raw.sent.map(strip)];
    if (one.length !== 1 || JSON.stringify(one) !== JSON.stringify(two)) {
      throw new Error(
        `named and raw calls sent different requests:\nnamed: ${JSON.stringify(one)}\nraw:   ${JSON.stringify(two)}`,
      );
    }
  });
  const details = await checkWithFuzzSettings(property);
  if (responseFindings.length > 0) {
    console.warn(`Prism's mock responses break the spec's own schemas:\n${[...new Set(responseFindings)].join("\n")}`);
  }
  throwIfFailed(details, options.provider.name);
}

/**
 * Whether a decoded body that breaks its schema is exactly what the server sent: then the break is
 * in Prism's mock answer, not in our decoding. Prism's sampler ignores `pattern` (and more) when a
 * response has no example, and does not flag its own output in `sl-violations` (Twilio's `^AC[0-9a-f]{32}$`
 * ids came back as "stringstring…"). Any difference between the bytes and the decoded value, even
 * where the bytes already break the schema, is ours and fails.
 */
async function mockBreaksSchema(sent: SentRequest, decoded: unknown): Promise<boolean> {
  let wire: unknown;
  try {
    wire = JSON.parse(await sent.responseText());
  } catch {
    return false;
  }
  return isDeepStrictEqual(wire, decoded);
}

/** Checks a property with `fuzzSettings()` (a `--path` replays one counterexample and stops). */
export function checkWithFuzzSettings<T>(property: fc.IAsyncProperty<T>): Promise<fc.RunDetails<T>> {
  const settings = fuzzSettings();
  return fc.check(property, { ...settings, ...(settings.path ? { endOnFailure: true } : {}) });
}

/** Throws fast-check's report of a failed run: the shrunk counterexample, its error, and the `pnpm fuzz` line that replays it. */
export function throwIfFailed<T>(details: fc.RunDetails<T>, providerName: string): void {
  if (!details.failed) return;
  const replay = `pnpm fuzz ${providerName} --seed ${details.seed} --path ${details.counterexamplePath ?? ""}`;
  const cause = details.errorInstance;
  const why = cause instanceof Error ? cause.message : String(cause);
  throw new Error(`${fc.defaultReportMessage(details)}\nGot error: ${why}\nReplay: ${replay}`, { cause });
}

/** What became of one call a caller should not make: refused before sending, or sent and judged by Prism. */
export type CallOutcome =
  | { refused: string; sent: 0 }
  | {
      refused?: undefined;
      sent: 1;
      method: string;
      url: string;
      body: string;
      status: number;
      requestViolations: string[];
    };

/**
 * Makes one call through a capturing `fetch` that does not fail the test on violations (the call is
 * wrong on purpose) and reports its outcome: the error's class and message when nothing was sent,
 * else the request as sent, Prism's status and its request-side `sl-violations` (`location: message`).
 */
export async function callOutcome(call: (fetch: Fetch) => Promise<unknown>): Promise<CallOutcome> {
  const { fetch, sent } = capturingFetch(nonConformingFetch);
  let thrown: unknown;
  try {
    await call(fetch);
  } catch (error) {
    thrown = error;
  }
  const request = sent[0];
  if (request === undefined) {
    const error = thrown as Error | undefined;
    return { refused: error ? `${error.name}: ${error.message}` : "nothing sent, nothing thrown", sent: 0 };
  }
  const requestViolations = request.violations
    .filter((violation) => (violation.location?.[0] ?? "request") === "request")
    .map((violation) => `${(violation.location ?? []).join(".")}: ${violation.message ?? ""}`);
  const { method, url, body, status } = request;
  return { sent: 1, method, url, body, status, requestViolations };
}
