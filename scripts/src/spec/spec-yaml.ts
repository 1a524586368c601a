import { isDeepStrictEqual } from "node:util";
import { Document, isScalar, parse, visit } from "yaml";

/** What a plain (unquoted) scalar would be read as, by a YAML 1.1 or 1.2 reader; undefined if unreadable. */
function readAsPlain(text: string, version: "1.1" | "1.2"): unknown {
  try {
    return parse(text, { version });
  } catch {
    return undefined;
  }
}

/**
 * A string is left unquoted only if YAML 1.1 and 1.2 readers both read it back as the same string.
 * Prism, Redocly and openapi-typescript use different YAML libraries; `yes`, `on`, `2024-01-01`
 * or `0o17` must not turn into a boolean, a date or a number in any of them.
 */
function plainIsSafe(value: string): boolean {
  return value.includes("\n") || (readAsPlain(value, "1.1") === value && readAsPlain(value, "1.2") === value);
}

/**
 * Deterministic YAML for a vendored spec: the same document always gives the same bytes. Key order
 * is the document's own; no line folding (lines never depend on a width); multi-line strings as
 * block scalars; single quotes where quoting is needed; no anchors or aliases. Verified to read
 * back to the same document.
 */
export function toSpecYaml(document: object): string {
  const yaml = new Document(document, { aliasDuplicateObjects: false });
  visit(yaml, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && !plainIsSafe(node.value)) node.type = "QUOTE_SINGLE";
    },
  });
  const text = yaml.toString({ lineWidth: 0, minContentWidth: 0, singleQuote: true });
  for (const version of ["1.1", "1.2"] as const) {
    if (!isDeepStrictEqual(parse(text, { version }), JSON.parse(JSON.stringify(document))))
      throw new Error(`internal error: the YAML written for this spec does not read back the same (YAML ${version})`);
  }
  return text;
}

/** True when two documents say the same thing: equal values, whatever their key order or formatting. */
export function sameMeaning(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b);
}
