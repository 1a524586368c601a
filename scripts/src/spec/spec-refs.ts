import { SpecError } from "../shared/spec-error.js";
import { resolvePointer } from "./openapi-types.js";

/** A `$ref` in a parsed document, with where its object sits (a JSON pointer). */
export interface FoundRef {
  ref: string;
  pointer: string;
}

/** Every `$ref` string in a document, in document order. */
export function collectRefs(node: unknown, pointer = "#"): FoundRef[] {
  if (typeof node !== "object" || node === null) return [];
  const found: FoundRef[] = [];
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === "string") found.push({ ref: record.$ref, pointer });
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === "object" && value !== null) {
      found.push(...collectRefs(value, `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`));
    }
  }
  return found;
}

/** The distinct `$ref` strings of a document (no pointers: cheap on a 10 MB spec). */
function distinctRefs(node: unknown, found: Set<string>): Set<string> {
  if (typeof node !== "object" || node === null) return found;
  const record = node as Record<string, unknown>;
  if (typeof record.$ref === "string") found.add(record.$ref);
  for (const key in record) {
    const value = record[key];
    if (typeof value === "object" && value !== null) distinctRefs(value, found);
  }
  return found;
}

/** Line and column (1-based) of the first `$ref: <ref>` in the text, for messages. */
export function refPosition(text: string, ref: string): { line: number; column: number } | undefined {
  const escaped = ref.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`\\$ref["']?\\s*:\\s*["']?${escaped}`).exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  return { line: before.split("\n").length, column: match.index - before.lastIndexOf("\n") };
}

/**
 * Refuses what generation must never follow: a `$ref` outside the document (a file or a URL: not
 * covered by the recorded digest, and generate reads nothing outside specs/ and never the network),
 * one that names nothing, and a chain of `$ref`s that leads back to itself. Each refusal names the
 * file, the position and the ref.
 */
export function checkInternalRefs(document: unknown, text: string, displayPath: string): void {
  const refuse = (ref: string, problem: string): never => {
    const position = refPosition(text, ref);
    throw new SpecError(displayPath, `$ref ${JSON.stringify(ref)} ${problem}`, position?.line, position?.column);
  };
  let refs: Set<string>;
  try {
    refs = distinctRefs(document, new Set());
  } catch (error) {
    if (error instanceof RangeError) throw new SpecError(displayPath, "refused: the document is nested too deeply");
    throw error;
  }
  for (const ref of refs) {
    if (!ref.startsWith("#")) {
      refuse(
        ref,
        "points outside this document; vendored specs may only use internal refs (#/…). Vendor the spec again " +
          "with `pnpm specs:vendor`, which bundles file refs beside it (and URLs with --allow-remote-refs)",
      );
    }
    const seen = new Set<string>();
    for (let target: string | undefined = ref; target !== undefined; ) {
      if (seen.has(target)) refuse(ref, `is circular: ${[...seen, target].join(" → ")} never reaches a schema`);
      seen.add(target);
      const node = resolvePointer(document, target);
      if (node === undefined) refuse(target, "names nothing in this document");
      const next = (node as { $ref?: unknown } | null)?.$ref;
      target = typeof next === "string" && next.startsWith("#") ? next : undefined;
    }
  }
}
