import { readFile } from "node:fs/promises";
import { displayPath as displayPathOf } from "./repo-paths.js";
import { SpecError } from "./spec-error.js";
import { checkUpstreamConfig, type UpstreamConfig } from "./upstream-config.js";

/**
 * What the SDK needs about a provider that its spec does not say. Lives in
 * `packages/<provider>/provider.config.json`, the only hand-written file of a provider package.
 */
export interface ProviderConfig {
  /** npm package name, e.g. `@specsdk/modelslab`. */
  packageName: string;
  /** Human name used in docs and error messages, e.g. `ModelsLab`. */
  displayName: string;
  /** Name of the exported factory, e.g. `createModelsLabClient`. */
  clientFactory: string;
  description: string;
  auth: {
    /** Required unless `in` is `none`. */
    envVar?: string;
    /** Where the key travels when the spec does not say (ModelsLab: `{ in: "body", name: "key" }`); `none`: a keyless API. */
    in?: "body" | "header" | "query" | "cookie" | "bearer" | "basic" | "none";
    name?: string;
  };
  /** A body field that marks an error even on HTTP 200. */
  errorEnvelope?: { field: string; value: string; messageFields: string[] };
  /** Client-side rate limit, from the provider's prose docs. */
  rateLimit?: { requests: number; perSeconds: number };
  /** Method names of non-GET/PUT/DELETE operations that are safe to retry after the server saw them. */
  idempotentOperations?: string[];
  /** How list operations page, by method name (the runtime's `PaginationDefinition`). */
  pagination?: Record<string, PaginationConfig>;
  keywords?: string[];
  homepage?: string;
  /** Where `pnpm specs:sync` fetches the spec from (see upstream-config.ts). */
  upstream?: UpstreamConfig;
}

/** Mirrors `PaginationDefinition` in @specsdk/core. */
export type PaginationConfig =
  | {
      style: "cursor";
      items?: string;
      cursorParam: string;
      nextCursor: { field: string } | { lastItemField: string };
      hasMore?: string;
    }
  | { style: "offset"; items?: string; offsetParam: string; limitParam?: string }
  | { style: "link"; items?: string };

type Check = (value: unknown) => string | undefined;

const DOTTED_PATH = /^[A-Za-z_$][\w$-]*(\.[A-Za-z_$][\w$-]*)*$/;

/** Checks one pagination entry; a problem names the field. */
function paginationProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return "must be an object";
  const entry = value as Record<string, unknown>;
  const paths: Record<string, string[]> = {
    cursor: ["cursorParam"],
    offset: ["offsetParam"],
    link: [],
  };
  const required = paths[entry.style as string];
  if (required === undefined) return '"style" must be one of "cursor", "offset", "link"';
  for (const field of ["items", "cursorParam", "offsetParam", "limitParam", "hasMore"]) {
    if (entry[field] === undefined) {
      if (required.includes(field)) return `"${field}" is required for style "${entry.style}"`;
    } else if (typeof entry[field] !== "string" || !DOTTED_PATH.test(entry[field] as string)) {
      return `"${field}" must be a dotted field path such as "data" or "meta.next_cursor"`;
    }
  }
  if (entry.style === "cursor") {
    const next = entry.nextCursor as Record<string, unknown> | undefined;
    const path = next?.field ?? next?.lastItemField;
    if (typeof path !== "string" || !DOTTED_PATH.test(path)) {
      return '"nextCursor" must be { "field": "<path>" } or { "lastItemField": "<path>" }';
    }
  }
  return undefined;
}

const nonEmptyString: Check = (value) =>
  typeof value === "string" && value.trim() !== "" ? undefined : "must be a non-empty string";
const identifier: Check = (value) =>
  typeof value === "string" && /^[A-Za-z_$][\w$]*$/.test(value) ? undefined : "must be a JavaScript identifier";
const envVarName: Check = (value) =>
  typeof value === "string" && /^[A-Z_][A-Z0-9_]*$/.test(value)
    ? undefined
    : "must be an upper-case environment variable name";
const packageName: Check = (value) =>
  typeof value === "string" && /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(value)
    ? undefined
    : "must be a valid npm package name";
const positiveNumber: Check = (value) =>
  typeof value === "number" && value > 0 ? undefined : "must be a positive number";
const stringArray: Check = (value) =>
  Array.isArray(value) && value.every((item) => typeof item === "string") ? undefined : "must be an array of strings";
const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    allowed.includes(value as string)
      ? undefined
      : `must be one of ${allowed.map((item) => JSON.stringify(item)).join(", ")}`;

const FIELDS: Record<string, { check: Check; required: boolean }> = {
  packageName: { check: packageName, required: true },
  displayName: { check: nonEmptyString, required: true },
  clientFactory: { check: identifier, required: true },
  description: { check: nonEmptyString, required: true },
  "auth.envVar": { check: envVarName, required: false },
  "auth.in": { check: oneOf("body", "header", "query", "cookie", "bearer", "basic", "none"), required: false },
  "auth.name": { check: nonEmptyString, required: false },
  "errorEnvelope.field": { check: nonEmptyString, required: false },
  "errorEnvelope.value": { check: nonEmptyString, required: false },
  "errorEnvelope.messageFields": { check: stringArray, required: false },
  "rateLimit.requests": { check: positiveNumber, required: false },
  "rateLimit.perSeconds": { check: positiveNumber, required: false },
  idempotentOperations: { check: stringArray, required: false },
  keywords: { check: stringArray, required: false },
  homepage: { check: nonEmptyString, required: false },
};
const KNOWN_TOP_LEVEL = new Set([
  "$schema",
  "upstream",
  "pagination",
  ...Object.keys(FIELDS).map((key) => key.split(".")[0] as string),
]);

function lookup(object: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], object);
}

/** Checks a parsed config; every problem names its field. */
export function validateProviderConfig(raw: unknown, displayPath: string): ProviderConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new SpecError(displayPath, "expected a JSON object");
  for (const key of Object.keys(raw)) {
    if (!KNOWN_TOP_LEVEL.has(key)) throw new SpecError(displayPath, `unknown field "${key}"`);
  }
  for (const [field, { check, required }] of Object.entries(FIELDS)) {
    const value = lookup(raw, field);
    if (value === undefined) {
      if (required) throw new SpecError(displayPath, `missing required field "${field}"`);
      continue;
    }
    const problem = check(value);
    if (problem) throw new SpecError(displayPath, `"${field}" ${problem}`);
  }
  const config = raw as ProviderConfig;
  const placement = config.auth?.in;
  if (placement !== "none" && config.auth?.envVar === undefined) {
    throw new SpecError(
      displayPath,
      `missing required field "auth.envVar" (or say "auth": { "in": "none" } for a keyless API)`,
    );
  }
  if (
    (placement === "body" || placement === "header" || placement === "query" || placement === "cookie") &&
    !config.auth.name
  ) {
    throw new SpecError(displayPath, `"auth.name" is required when "auth.in" is "${placement}"`);
  }
  if (config.errorEnvelope && (!config.errorEnvelope.field || !config.errorEnvelope.value)) {
    throw new SpecError(displayPath, `"errorEnvelope" needs "field" and "value"`);
  }
  if (config.rateLimit && (!config.rateLimit.requests || !config.rateLimit.perSeconds)) {
    throw new SpecError(displayPath, `"rateLimit" needs "requests" and "perSeconds"`);
  }
  if (config.pagination !== undefined) {
    if (typeof config.pagination !== "object" || config.pagination === null) {
      throw new SpecError(displayPath, '"pagination" must map method names to pagination entries');
    }
    for (const [name, entry] of Object.entries(config.pagination)) {
      const problem = paginationProblem(entry);
      if (problem) throw new SpecError(displayPath, `"pagination.${name}": ${problem}`);
    }
  }
  if ("upstream" in config) {
    const problem = checkUpstreamConfig(config.upstream);
    if (problem) throw new SpecError(displayPath, problem);
  }
  return config;
}

export async function loadProviderConfig(path: string): Promise<ProviderConfig> {
  const displayPath = displayPathOf(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new SpecError(displayPath, "missing provider config: every spec in specs/ needs one (see ARCHITECTURE.md)");
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SpecError(displayPath, `invalid JSON: ${(error as Error).message}`);
  }
  return validateProviderConfig(raw, displayPath);
}
