import { readFile } from "node:fs/promises";
import {
  BaseResolver,
  createConfig,
  getLineColLocation,
  lintDocument,
  makeDocumentFromString,
} from "@redocly/openapi-core";
import { isMap, parseDocument } from "yaml";
import type { OpenApiDocument } from "./openapi-types.js";
import { displayPath as displayPathOf } from "./repo-paths.js";
import { SpecError } from "./spec-error.js";

export interface LoadedSpec {
  /** Path as shown in messages (relative to the repository root when inside it). */
  displayPath: string;
  text: string;
  document: OpenApiDocument;
}

// Structural validation only ("is this a valid OpenAPI document?"), plus unique operationIds,
// which the generated method names rely on. Style rules are not our business.
const validationConfig = createConfig({
  extends: ["minimal"],
  rules: { "operation-operationId-unique": "error" },
});

/** Parses YAML or JSON text into a document, or throws a SpecError with line and column. */
export function parseSpecText(text: string, displayPath: string): OpenApiDocument {
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
  const document = parsed.toJS() as OpenApiDocument;
  if (typeof document.openapi !== "string" || !/^3\.[01]\.\d+$/.test(document.openapi)) {
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

/** Validates against the OpenAPI schema; the first error is thrown with its line and column. */
export async function validateSpecText(text: string, absolutePath: string, displayPath: string): Promise<void> {
  const document = makeDocumentFromString(text, absolutePath);
  const problems = await lintDocument({
    document,
    config: (await validationConfig).styleguide,
    externalRefResolver: new BaseResolver(),
  });
  const errors = problems.filter((problem) => problem.severity === "error");
  const [first] = errors;
  if (!first) return;
  const location = first.location[0];
  const position = location ? getLineColLocation(location).start : undefined;
  const pointer = location?.pointer ? ` (at ${location.pointer})` : "";
  const more = errors.length > 1 ? ` (+${errors.length - 1} more problem${errors.length > 2 ? "s" : ""})` : "";
  throw new SpecError(displayPath, `invalid OpenAPI: ${first.message}${pointer}${more}`, position?.line, position?.col);
}

/** Reads, parses and validates a spec file. Never returns a document that would not generate. */
export async function loadSpec(path: string): Promise<LoadedSpec> {
  const displayPath = displayPathOf(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SpecError(displayPath, `cannot read file: ${(error as Error).message}`);
  }
  const document = parseSpecText(text, displayPath);
  await validateSpecText(text, path, displayPath);
  return { displayPath, text, document };
}
