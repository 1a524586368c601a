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

/** Parameter names per path template, parsed once: templates come from the spec, so there are few. */
const namesByTemplate = new Map<string, readonly string[]>();
const MAX_CACHED_TEMPLATES = 2048;

function templateParamNames(pathname: string): readonly string[] {
  let names = namesByTemplate.get(pathname);
  if (names === undefined) {
    names = [...pathname.matchAll(TEMPLATE_PARAM)].map((match) => templateParamName(match[1] ?? ""));
    if (namesByTemplate.size >= MAX_CACHED_TEMPLATES) namesByTemplate.clear();
    namesByTemplate.set(pathname, names);
  }
  return names;
}

/**
 * An openapi-fetch `pathSerializer` that refuses, before anything is sent, path parameters that are
 * missing (openapi-fetch would send the literal `{name}`) or that would change which URL is hit.
 */
export const safePathSerializer: PathSerializer = (pathname, pathParams) => {
  for (const name of templateParamNames(pathname)) {
    const value = pathParams?.[name];
    if (value === undefined || value === null) {
      throw new UnsafePathParameterError(`Missing path parameter "${name}" for ${pathname}`, name);
    }
    const values = Array.isArray(value) ? value : typeof value === "object" ? Object.values(value) : [value];
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
  return defaultPathSerializer(pathname, pathParams);
};
