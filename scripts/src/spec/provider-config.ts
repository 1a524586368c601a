import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { displayPath as displayPathOf } from "../shared/repo-paths.js";
import type { CredentialPlacement, PaginationDefinition } from "../shared/runtime-vocabulary.js";
import { SpecError } from "../shared/spec-error.js";
import type { UpstreamConfig } from "./upstream-config.js";

/**
 * What the SDK needs about a provider that its spec does not say. Lives in
 * `packages/<provider>/provider.config.json`, the only hand-written file of a provider package.
 */
export interface ProviderConfig {
  /** Where editors find the JSON Schema (scripts/provider-config.schema.json), which `pnpm generate` checks too. */
  $schema?: string;
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
    in?: CredentialPlacement["in"];
    name?: string;
  };
  /** A body field that marks an error even on HTTP 200. */
  errorEnvelope?: { field: string; value: string; messageFields: string[] };
  /** Client-side rate limit, from the provider's prose docs. */
  rateLimit?: { requests: number; perSeconds: number };
  /** Method names of non-GET/PUT/DELETE operations that are safe to retry after the server saw them. */
  idempotentOperations?: string[];
  /** Method names of non-DELETE operations that destroy data: their MCP tools say so (`destructiveHint`). */
  destructiveOperations?: string[];
  /** How list operations page, by method name (the runtime's `PaginationDefinition`). */
  pagination?: Record<string, PaginationConfig>;
  /**
   * Old method names kept as `@deprecated` aliases after an operation's generated name changed,
   * keyed by the old name (see deprecated-aliases.ts). `pnpm changeset:api` adds them.
   */
  deprecatedAliases?: Record<string, DeprecatedAliasConfig>;
  keywords?: string[];
  homepage?: string;
  /** Where `pnpm specs:sync` fetches the spec from (see upstream-config.ts). */
  upstream?: UpstreamConfig;
}

/** One deprecated alias: the operation it names, by `METHOD /path`, and the operationId it had then. */
export interface DeprecatedAliasConfig {
  operation: string;
  operationId?: string;
}

/** How a list operation pages: the runtime's `PaginationDefinition`, written as is into the operation table. */
export type PaginationConfig = PaginationDefinition;

/** The committed JSON Schema; editors load the same file through each config's `$schema`. */
export const PROVIDER_CONFIG_SCHEMA = fileURLToPath(new URL("../../provider-config.schema.json", import.meta.url));

/**
 * Ajv as the schema needs it: strict (a typo in the schema is an error, not a silently ignored
 * keyword), every error at once, and `errorMessage` (VS Code's keyword for a custom message) known.
 */
export function providerConfigAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  // ajv-formats is CommonJS; its ESM default import is the module, whose `default` is the plugin.
  addFormats.default(ajv);
  ajv.addKeyword({ keyword: "errorMessage", schemaType: "string" });
  return ajv;
}

let compiled: ValidateFunction | undefined;
/** Compiled on first use, once per process (generate loads one config per provider). */
function validator(): ValidateFunction {
  compiled ??= providerConfigAjv().compile(JSON.parse(readFileSync(PROVIDER_CONFIG_SCHEMA, "utf8")));
  return compiled;
}

type JsonPath = (string | number)[];

/** One problem: its subject, where it is in the text (when known), and what to write instead. */
interface Problem {
  path: JsonPath;
  offset: number | undefined;
  message: string;
}

/** Offset in the text of the value at a path, or of the key naming its last step. */
type Locate = (path: JsonPath, key?: "key") => number | undefined;

/** `["upstream", "keep", 1]` → `"upstream.keep[1]"`, as the problem's subject. */
function subject(path: JsonPath): string {
  if (path.length === 0) return "the config";
  const text = path
    .map((part, index) => {
      if (typeof part === "number") return `[${part}]`;
      if (!/^[A-Za-z_$][\w$-]*$/.test(part)) return `[${JSON.stringify(part)}]`;
      return index === 0 ? part : `.${part}`;
    })
    .join("");
  return JSON.stringify(text);
}

/** An ajv instance path (`/upstream/keep/1`) as keys and array indexes of `data`. */
function pathOf(pointer: string, data: unknown): JsonPath {
  const path: JsonPath = [];
  let node = data;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const part = Array.isArray(node) ? Number(key) : key;
    path.push(part);
    node = (node as Record<string | number, unknown> | undefined)?.[part];
  }
  return path;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** `; did you mean "keep"?` when an allowed name is a near miss: a typo, a case slip, or a longer form. */
function didYouMean(value: unknown, allowed: unknown[]): string {
  if (typeof value !== "string") return "";
  const lower = value.toLowerCase();
  const distance = (option: unknown) => {
    const candidate = String(option).toLowerCase();
    return lower.startsWith(candidate) || candidate.startsWith(lower) ? 0 : editDistance(lower, candidate);
  };
  const best = [...allowed].sort((a, b) => distance(a) - distance(b))[0];
  return best !== undefined && distance(best) <= Math.max(1, Math.floor(value.length / 3))
    ? `; did you mean ${JSON.stringify(best)}?`
    : "";
}

const quoted = (values: unknown[]) => values.map((value) => JSON.stringify(value)).join(", ");

/** What ajv says when the schema gives no `errorMessage`, worded as what to write. */
function genericMessage(error: ErrorObject): string {
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case "type":
      return `must be ${/^[aeiou]/.test(params.type) ? "an" : "a"} ${params.type}`;
    case "enum":
      return `must be one of ${quoted(params.allowedValues)}${didYouMean(error.data, params.allowedValues)}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return error.message ?? error.keyword;
  }
}

/** One ajv error as a problem, or undefined for errors that only repeat others. */
function problemOf(error: ErrorObject, data: unknown, locate: Locate): Problem | undefined {
  const path = pathOf(error.instancePath, data);
  const schema = error.parentSchema as {
    errorMessage?: string;
    properties?: Record<string, { description?: string; enum?: unknown[] }>;
  };
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    // `if` fails only because its `then` did, `propertyNames` because a key broke its rule: each
    // of those errors is reported itself.
    case "if":
    case "propertyNames":
      return undefined;
    case "required": {
      const property = params.missingProperty as string;
      const { description, enum: allowed } = schema.properties?.[property] ?? {};
      const hint = allowed ? `one of ${quoted(allowed)}` : description;
      const message = schema.errorMessage ?? `is required${hint ? `: ${hint}` : ""}`;
      // There is no value to point at: point at the object that lacks it.
      return { path: [...path, property], offset: locate(path), message };
    }
    case "additionalProperties": {
      const property = params.additionalProperty as string;
      const allowed = Object.keys(schema.properties ?? {});
      const message = `is not a known property${didYouMean(property, allowed)} (allowed: ${quoted(allowed)})`;
      return { path: [...path, property], offset: locate([...path, property], "key"), message };
    }
    case "uniqueItems": {
      const later = [...path, params.j as number];
      const item = JSON.stringify((error.data as unknown[])[params.j]);
      const message = `repeats ${item}, already at ${subject([...path, params.i])}; remove one`;
      return { path: later, offset: locate(later), message };
    }
    default: {
      // A `propertyNames` rule is about a key: name it, and point at it.
      const { propertyName } = error as { propertyName?: string };
      if (propertyName !== undefined) {
        const keyPath = [...path, propertyName];
        const message = schema.errorMessage ?? genericMessage(error);
        return { path: keyPath, offset: locate(keyPath, "key"), message };
      }
      return { path, offset: locate(path), message: schema.errorMessage ?? genericMessage(error) };
    }
  }
}

/** JSON.parse keeps the last of two equal keys; say so rather than silently ignore the first. */
function duplicateKeys(node: unknown, path: JsonPath, found: Problem[] = []): Problem[] {
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (seen.has(key)) {
        const offset = (pair.key as Node).range?.[0];
        found.push({ path: [...path, key], offset, message: "appears twice in one object; keep one" });
      }
      seen.add(key);
      duplicateKeys(pair.value, [...path, key], found);
    }
  } else if (isSeq(node)) {
    for (const [index, item] of node.items.entries()) duplicateKeys(item, [...path, index], found);
  }
  return found;
}

/** The node at a path in a parsed document (the last of equal keys, as JSON.parse reads it). */
function nodeAt(root: unknown, path: JsonPath, key?: "key"): Node | undefined {
  let node = root;
  for (const [index, part] of path.entries()) {
    if (isMap(node)) {
      const pair = [...node.items].reverse().find((item) => isScalar(item.key) && String(item.key.value) === part);
      if (!pair) return undefined;
      if (key && index === path.length - 1) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[part as number];
    } else {
      return undefined;
    }
  }
  return node as Node | undefined;
}

/**
 * Parses and checks a provider.config.json text. Every problem is reported at once, in one
 * SpecError with one `file:line:col: "path" what to write` line each.
 */
export function parseProviderConfig(text: string, displayPath: string): ProviderConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const before = position === undefined ? undefined : text.slice(0, Number(position)).split("\n");
    const column = before === undefined ? undefined : (before.at(-1)?.length ?? 0) + 1;
    throw new SpecError(displayPath, `invalid JSON: ${message}`, before?.length, column);
  }
  // JSON is YAML: the yaml parser gives each value's place in the text, and keeps equal keys apart.
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  const locate: Locate = (path, key) => nodeAt(document.contents, path, key)?.range?.[0];

  const validate = validator();
  const problems = duplicateKeys(document.contents, []);
  const seen = new Set<string>();
  for (const error of validate(data) ? [] : (validate.errors ?? [])) {
    const problem = problemOf(error, data, locate);
    // One problem per value: e.g. a url that is neither https nor a URL breaks two keywords.
    if (problem && !seen.has(subject(problem.path))) {
      seen.add(subject(problem.path));
      problems.push(problem);
    }
  }
  if (problems.length === 0) return data as ProviderConfig;

  // In the order they appear in the file; a problem without a place goes last.
  problems.sort((a, b) => (a.offset ?? text.length) - (b.offset ?? text.length));
  const lineOf = (problem: Problem) => {
    const position = problem.offset === undefined ? undefined : lines.linePos(problem.offset);
    const where = position ? `${displayPath}:${position.line}:${position.col}` : displayPath;
    return { position, where, text: `${subject(problem.path)} ${problem.message}` };
  };
  const [first, ...rest] = problems.map(lineOf) as [ReturnType<typeof lineOf>, ...ReturnType<typeof lineOf>[]];
  // SpecError prints `file:line:col: ` before the first problem; each other one is a line of its own.
  const report = [first.text, ...rest.map((line) => `${line.where}: ${line.text}`)].join("\n");
  throw new SpecError(displayPath, report, first.position?.line, first.position?.col);
}

export async function loadProviderConfig(path: string): Promise<ProviderConfig> {
  const displayPath = displayPathOf(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new SpecError(displayPath, "missing provider config: every spec in specs/ needs one (see ARCHITECTURE.md)");
  }
  return parseProviderConfig(text, displayPath);
}
