import { readFile } from "node:fs/promises";
import {
  BaseResolver,
  createConfig,
  getLineColLocation,
  lintDocument,
  makeDocumentFromString,
  Source,
} from "@redocly/openapi-core";
import { type Document, isMap, parseDocument, visit } from "yaml";
import { displayPath as displayPathOf } from "../shared/repo-paths.js";
import { SpecError } from "../shared/spec-error.js";
import { hasDuplicateJsonKeys } from "./json-duplicate-keys.js";
import type { OpenApiDocument } from "./openapi-types.js";

export interface LoadedSpec {
  /** Path as shown in messages (relative to the repository root when inside it). */
  displayPath: string;
  text: string;
  document: OpenApiDocument;
}

/**
 * Which of Redocly's findings refuse a spec. Only what makes a document broken for us: it is not
 * OpenAPI (`struct`), a `$ref` names nothing (`no-unresolved-refs`), or two operations share an
 * operationId (method names rely on them). Style is not our business, so Redocly's other "minimal"
 * errors are off: `no-server-trailing-slash` (Stripe's and Google's servers end in `/`; we trim it)
 * and `no-server-variables-empty-enum` (we use the variable's default). Listed in ARCHITECTURE.md.
 */
const REFUSING_RULES = ["struct", "no-unresolved-refs", "operation-operationId-unique"];

// Only errors fail generation, so rules left at warning level are not run at all: on a large spec
// they cost most of the time (GitHub's: 4.5 s of lint → 1.2 s).
const validationConfig = createConfig({
  extends: [],
  rules: Object.fromEntries(REFUSING_RULES.map((rule) => [rule, "error"])),
} as Parameters<typeof createConfig>[0]);

/**
 * Structural findings that published specs commonly have and that do not affect generated code: any
 * under the `x-webhooks` extension, and those about `nullable` (openapi-typescript reads it as "may
 * also be null" wherever it is): `nullable: true`
 * without a sibling `type` (GitHub's REST description has 135), and `nullable` in a 3.1 document,
 * where JSON Schema has no such keyword (specs converted from 3.0 keep it). Real-world specs must generate.
 */
function isTolerated(problem: { message: string; location: { pointer?: string }[] }): boolean {
  const pointer = problem.location[0]?.pointer ?? "";
  // Redocly reads the `x-webhooks` extension of 3.0 as webhooks; the generator never reads it
  // (Apideck marks it with `x-sdk-exclude: true`, which Redocly calls a malformed path item).
  if (pointer.startsWith("#/x-webhooks/")) return true;
  if (!pointer.endsWith("/nullable")) return false;
  return (
    problem.message.startsWith("The `type` field must be defined when the `nullable` field is used") ||
    problem.message.startsWith("Property `nullable` is not expected here")
  );
}

const SUPPORTED_VERSION = /^3\.[01]\.\d+$/;

/**
 * A JSON spec (large ones usually are) through `JSON.parse`, ~50× faster than the YAML parser on
 * GitHub's 13 MB description. Undefined for anything else, or anything the YAML path would reject
 * (invalid JSON, a repeated key, an unsupported version): that path then reports it with a position.
 */
function parseValidJson(text: string): OpenApiDocument | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  let document: OpenApiDocument;
  try {
    document = JSON.parse(text) as OpenApiDocument;
  } catch {
    return undefined;
  }
  if (typeof document.openapi !== "string" || !SUPPORTED_VERSION.test(document.openapi)) return undefined;
  return hasDuplicateJsonKeys(text) ? undefined : document;
}

/**
 * The parsed YAML as plain data. Aliases that expand to more than the yaml package's limit (a
 * "billion laughs" document) are refused at the first alias, before they take the memory.
 */
function toJs(parsed: Document, text: string, displayPath: string): OpenApiDocument {
  try {
    return parsed.toJS({ maxAliasCount: 100 }) as OpenApiDocument;
  } catch (error) {
    let first: number | undefined;
    visit(parsed, {
      Alias(_, node) {
        first = node.range?.[0];
        return visit.BREAK;
      },
    });
    const line = first === undefined ? undefined : text.slice(0, first).split("\n").length;
    const reason =
      error instanceof ReferenceError ? "YAML aliases expand too far (a resource-exhaustion guard)" : String(error);
    throw new SpecError(displayPath, `refused: ${reason}; write the document without anchors and aliases`, line);
  }
}

/** Parses YAML or JSON text into a document, or throws a SpecError with line and column. */
export function parseSpecText(text: string, displayPath: string): OpenApiDocument {
  const json = parseValidJson(text);
  if (json) return json;
  const parsed = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [firstError] = parsed.errors;
  if (firstError) {
    const position = firstError.linePos?.[0];
    // prettyErrors appends " at line L, column C:" and a code frame; we report the position ourselves.
    const message = (firstError.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+.*$/, "");
    throw new SpecError(displayPath, `invalid YAML/JSON: ${message}`, position?.line, position?.col);
  }
  if (!isMap(parsed.contents))
    throw new SpecError(displayPath, "expected an OpenAPI document (a mapping at the top level)", 1, 1);
  const document = toJs(parsed, text, displayPath);
  if (document.swagger !== undefined && document.openapi === undefined) {
    const node = parsed.get("swagger", true) as { range?: [number, number] } | undefined;
    const line = node?.range ? text.slice(0, node.range[0]).split("\n").length : 1;
    throw new SpecError(
      displayPath,
      "Swagger 2.0 is not supported; convert it to OpenAPI 3 first, e.g. `npx swagger2openapi <file> -o openapi.yaml`, and use that",
      line,
    );
  }
  if (typeof document.openapi !== "string" || !SUPPORTED_VERSION.test(document.openapi)) {
    const node = parsed.get("openapi", true) as { range?: [number, number] } | undefined;
    const line = node?.range ? text.slice(0, node.range[0]).split("\n").length : 1;
    // Quote the source text: `openapi: 2.0` parses as the number 2.
    const version = node?.range ? text.slice(node.range[0], node.range[1]).trim() : undefined;
    throw new SpecError(
      displayPath,
      version
        ? `unsupported OpenAPI version ${JSON.stringify(version)} (expected 3.0.x or 3.1.x)`
        : "missing `openapi` version field (expected 3.0.x or 3.1.x)",
      line,
    );
  }
  return document;
}

/** Redocly's document for JSON text, parsed by `JSON.parse` (what its YAML parser yields for JSON, 3× faster). */
function jsonDocument(text: string, absolutePath: string): ReturnType<typeof makeDocumentFromString> | undefined {
  if (!text.startsWith("{")) return undefined;
  try {
    return { source: new Source(absolutePath, text), parsed: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** Validates against the OpenAPI schema; the first error is thrown with its line and column. */
export async function validateSpecText(text: string, absolutePath: string, displayPath: string): Promise<void> {
  const document = jsonDocument(text, absolutePath) ?? makeDocumentFromString(text, absolutePath);
  const problems = await lintDocument({
    document,
    config: (await validationConfig).styleguide,
    externalRefResolver: new BaseResolver(),
  });
  const errors = problems.filter((problem) => problem.severity === "error" && !isTolerated(problem));
  const [first] = errors;
  if (!first) return;
  const location = first.location[0];
  const position = location ? getLineColLocation(location).start : undefined;
  const pointer = location?.pointer ? ` (at ${location.pointer})` : "";
  const more = errors.length > 1 ? ` (+${errors.length - 1} more problem${errors.length > 2 ? "s" : ""})` : "";
  throw new SpecError(displayPath, `invalid OpenAPI: ${first.message}${pointer}${more}`, position?.line, position?.col);
}

/** Reads a spec file's text; an unreadable file is a SpecError. */
export async function readSpecText(path: string): Promise<{ displayPath: string; text: string }> {
  const displayPath = displayPathOf(path);
  try {
    return { displayPath, text: await readFile(path, "utf8") };
  } catch (error) {
    throw new SpecError(displayPath, `cannot read file: ${(error as Error).message}`);
  }
}

/** Reads, parses and validates a spec file. Never returns a document that would not generate. */
export async function loadSpec(path: string): Promise<LoadedSpec> {
  const { displayPath, text } = await readSpecText(path);
  const document = parseSpecText(text, displayPath);
  await validateSpecText(text, path, displayPath);
  return { displayPath, text, document };
}
