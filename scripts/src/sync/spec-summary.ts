import { isDeepStrictEqual } from "node:util";
import { HTTP_METHODS, type OpenApiDocument, type OperationObject } from "../spec/openapi-types.js";
import { operationKey } from "../spec/upstream-config.js";

type Json = unknown;

/** The value with every local `$ref` replaced by its target (a reference cycle is left as the `$ref`). */
function inline(document: OpenApiDocument, value: Json, seen: readonly string[] = []): Json {
  if (Array.isArray(value)) return value.map((item) => inline(document, item, seen));
  if (typeof value !== "object" || value === null) return value;
  const record = value as Record<string, Json>;
  const ref = record.$ref;
  if (typeof ref === "string" && ref.startsWith("#/") && !seen.includes(ref)) {
    const target = ref
      .slice(2)
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<Json>((node, key) => (node as Record<string, Json> | undefined)?.[key], document);
    if (target !== undefined) return inline(document, target, [...seen, ref]);
  }
  return Object.fromEntries(Object.entries(record).map(([key, child]) => [key, inline(document, child, seen)]));
}

/** Each operation as it behaves: references inlined, path-level parameters and servers folded in. */
function operations(document: OpenApiDocument | undefined): Map<string, Record<string, Json>> {
  const result = new Map<string, Record<string, Json>>();
  if (!document) return result;
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      result.set(
        operationKey(method, path),
        inline(document, {
          ...operation,
          parameters: [...(item.parameters ?? []), ...(operation.parameters ?? [])],
          servers: operation.servers ?? item.servers ?? document.servers,
          security: operation.security ?? document.security,
        }) as Record<string, Json>,
      );
    }
  }
  return result;
}

/** Which parts of an operation differ, e.g. `responses 200, 422; parameters`. */
function changedParts(before: Record<string, Json>, after: Record<string, Json>): string {
  const parts: string[] = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
    if (isDeepStrictEqual(before[key], after[key])) continue;
    if (key === "responses") {
      const a = (before.responses ?? {}) as Record<string, Json>;
      const b = (after.responses ?? {}) as Record<string, Json>;
      const codes = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
        (code) => !isDeepStrictEqual(a[code], b[code]),
      );
      parts.push(
        `responses ${codes.map((code) => (!(code in a) ? `+${code}` : !(code in b) ? `-${code}` : code)).join(", ")}`,
      );
    } else parts.push(key);
  }
  return parts.join("; ");
}

/**
 * What changed between two versions of a spec, one line per item, for a maintainer to read:
 * `+ GET /x` added, `- GET /x` removed, `~ GET /x: responses 200; parameters` changed (including
 * changes that reach it through referenced components), then document-level changes.
 */
export function summarizeSpecChange(before: OpenApiDocument | undefined, after: OpenApiDocument): string[] {
  const old = operations(before);
  const now = operations(after);
  const lines: string[] = [];
  for (const key of now.keys()) if (!old.has(key)) lines.push(`+ ${key}`);
  for (const key of old.keys()) if (!now.has(key)) lines.push(`- ${key}`);
  for (const [key, operation] of now) {
    const previous = old.get(key);
    if (previous && !isDeepStrictEqual(previous, operation))
      lines.push(`~ ${key}: ${changedParts(previous, operation)}`);
  }
  const oldVersion = before?.info?.version;
  if (before && oldVersion !== after.info?.version) lines.push(`info.version ${oldVersion} → ${after.info?.version}`);
  if (lines.length === 0)
    lines.push("no operation changed (documentation, servers or unused components differ; see git diff)");
  return lines;
}
