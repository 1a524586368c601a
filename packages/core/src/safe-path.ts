import { defaultPathSerializer, type PathSerializer } from "openapi-fetch";
import { UnsafePathParameterError } from "./errors.js";

const TEMPLATE_PARAM = /\{([^{}]+)\}/g;

/**
 * Values that survive `encodeURIComponent` unchanged but that a URL parser turns into a different
 * path: `.` and `..` are dot-segments (`/images/../v1` becomes `/v1`), and an empty value collapses
 * two segments into `//`. Everything else (`/`, `?`, `#`, `%`, spaces) is percent-encoded by
 * openapi-fetch and stays inside its segment.
 */
const PATH_CHANGING_VALUES = new Set(["", ".", ".."]);

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function templateParamName(match: string): string {
  // `{name}`, `{name*}`, `{.name}`, `{;name}` → `name`
  return match.replace(/^[.;]/, "").replace(/\*$/, "");
}

/**
 * A path template parsed once: its parameter names, and (when every placeholder is a plain
 * `{name}`, the common case) the literal text around them, so a call with primitive values can be
 * serialized by concatenation instead of openapi-fetch's per-call regex scan.
 */
interface PathTemplate {
  names: readonly string[];
  /** `literals[i]` precedes placeholder `i`; one more than `names`. Undefined for label/matrix/explode styles. */
  literals: readonly string[] | undefined;
}

/** Templates come from the spec, so there are few: parsed once each. */
const templates = new Map<string, PathTemplate>();
const MAX_CACHED_TEMPLATES = 2048;

function parseTemplate(pathname: string): PathTemplate {
  const matches = [...pathname.matchAll(TEMPLATE_PARAM)];
  const names = matches.map((match) => templateParamName(match[1] ?? ""));
  const plain = matches.every((match, i) => match[1] === names[i]);
  if (!plain) return { names, literals: undefined };
  const literals: string[] = [];
  let from = 0;
  for (const match of matches) {
    literals.push(pathname.slice(from, match.index));
    from = match.index + match[0].length;
  }
  literals.push(pathname.slice(from));
  return { names, literals };
}

function templateOf(pathname: string): PathTemplate {
  let template = templates.get(pathname);
  if (template === undefined) {
    template = parseTemplate(pathname);
    if (templates.size >= MAX_CACHED_TEMPLATES) templates.clear();
    templates.set(pathname, template);
  }
  return template;
}

/**
 * An openapi-fetch `pathSerializer` that refuses, before anything is sent, path parameters that are
 * missing (openapi-fetch would send the literal `{name}`) or that would change which URL is hit.
 * Serializes exactly as openapi-fetch's `defaultPathSerializer` (which it calls for arrays, objects
 * and label/matrix styles).
 */
export const safePathSerializer: PathSerializer = (pathname, pathParams) => {
  const { names, literals } = templateOf(pathname);
  let primitive = true;
  for (const name of names) {
    const value = pathParams?.[name];
    if (value === undefined || value === null) {
      throw new UnsafePathParameterError(`Missing path parameter "${name}" for ${pathname}`, name);
    }
    const isObject = typeof value === "object";
    if (isObject) primitive = false;
    const values = Array.isArray(value) ? value : isObject ? Object.values(value) : [value];
    for (const item of values) {
      if (typeof item === "object" && item !== null) {
        throw new UnsafePathParameterError(`Path parameter "${name}" for ${pathname} must be a primitive value`, name);
      }
      if (PATH_CHANGING_VALUES.has(String(item))) {
        throw new UnsafePathParameterError(
          `Path parameter "${name}" is ${describe(item)}, which would change the request path ${pathname}; refusing to send`,
          name,
        );
      }
    }
  }
  if (literals === undefined || !primitive) return defaultPathSerializer(pathname, pathParams);
  let url = literals[0] as string;
  for (let i = 0; i < names.length; i++) {
    url += encodeURIComponent(pathParams?.[names[i] as string] as string | number | boolean) + literals[i + 1];
  }
  return url;
};
