/**
 * Generated TypeScript is built only from `Code`: the literal text of `ts` templates, numbers and
 * booleans, and what the escapers below return. A `string` cannot be interpolated into `ts` (it is a
 * type error), so spec text reaches a generated file only through the escaper for its context:
 *
 * | context                        | escaper        |
 * | ------------------------------ | -------------- |
 * | string literal, JSON value     | `literal`      |
 * | `/** … *\/` comment text       | `docComment`   |
 * | `// …` comment text            | `lineComment`  |
 * | identifier (name, type name)   | `identifier`   |
 * | property key                   | `propertyKey`  |
 *
 * (Template literals are never generated, so no escaper exists for them.)
 */
import { isReservedWord } from "../../model/reserved-words.js";

declare const CODE: unique symbol;

/** A piece of generated TypeScript, safe by construction. */
export interface Code {
  readonly [CODE]: true;
  readonly text: string;
}

const code = (text: string): Code => ({ text }) as Code;

/** What a `ts` template accepts: code, lists of code (joined with nothing), numbers and booleans. */
export type Part = Code | readonly Code[] | number | boolean;

function partText(part: Part): string {
  if (typeof part === "number") {
    if (!Number.isFinite(part)) throw new TypeError(`cannot emit the number ${part}`);
    return String(part);
  }
  if (typeof part === "boolean") return String(part);
  if (Array.isArray(part)) return (part as readonly Code[]).map((piece) => piece.text).join("");
  return (part as Code).text;
}

/** Tagged template for generated code: `ts\`export type ${identifier(name)} = ${literal(value)};\``. */
export function ts(strings: TemplateStringsArray, ...parts: Part[]): Code {
  let text = strings[0] ?? "";
  parts.forEach((part, index) => {
    text += partText(part) + (strings[index + 1] ?? "");
  });
  return code(text);
}

/** Joins pieces of code with a separator (itself code). */
export function join(pieces: readonly Code[], separator: Code): Code {
  return code(pieces.map((piece) => piece.text).join(separator.text));
}

/** Characters that end a line for a JavaScript parser besides `\n`. */
const LINE_TERMINATORS = /\r\n?|\u2028|\u2029/g;

/**
 * Any JSON value as a TypeScript expression (a string literal, a number, an object literal).
 * U+2028/U+2029 are escaped too: they are legal in JSON strings but end a line for older parsers.
 */
export function literal(value: unknown, indent?: number): Code {
  const json = JSON.stringify(value, null, indent);
  if (json === undefined) throw new TypeError(`cannot emit ${String(value)} as a literal`);
  return code(json.replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029"));
}

/**
 * A TSDoc block: every line of spec text escaped so it cannot end the comment (`*\/`) or start a
 * line outside it (a line terminator other than `\n`), NULs removed. Blank entries become blank
 * comment lines; entries may also be code (an example built from literals).
 */
export function docComment(lines: readonly (string | Code)[], indent = ""): Code {
  const body = lines
    .flatMap((line) =>
      typeof line === "string"
        ? line.replace(LINE_TERMINATORS, "\n").replaceAll("\0", "").replaceAll("*/", "*\\/").split("\n")
        : line.text.split("\n"),
    )
    .map((line) => line.trimEnd());
  if (body.length === 1) return code(`${indent}/** ${body[0]} */`);
  const commented = body.map((line) => (line.trim() === "" ? `${indent} *` : `${indent} * ${line}`));
  return code([`${indent}/**`, ...commented, `${indent} */`].join("\n"));
}

/** A `// …` comment line: line terminators become spaces, so the text cannot leave the comment. */
export function lineComment(text: string): Code {
  return code(`// ${text.replace(LINE_TERMINATORS, " ").replace(/\n/g, " ").replaceAll("\0", "")}`);
}

/**
 * Code compiled by openapi-typescript (schema.ts): it escapes what it copies from the spec into
 * comments and quotes property names itself. The one place text enters generated code without our
 * escapers; the hostile-spec tests import what it builds and check nothing runs.
 */
export function compiledByOpenapiTypescript(text: string): Code {
  return code(text);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A name for a variable, type, function or parameter; throws on anything else (a generator bug, not spec input). */
export function identifier(name: string): Code {
  if (!IDENTIFIER.test(name) || isReservedWord(name)) {
    throw new TypeError(`generator bug: ${JSON.stringify(name)} is not a usable identifier`);
  }
  return code(name);
}

/** A property name in an object type or literal: bare when it can be, quoted otherwise. */
export function propertyKey(name: string): Code {
  return IDENTIFIER.test(name) && name !== "__proto__" ? code(name) : literal(name);
}
