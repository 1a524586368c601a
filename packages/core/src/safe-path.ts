import { defaultPathSerializer, type PathSerializer } from "openapi-fetch";
import { UnsafePathParameterError } from "./errors.js";
import { isPlainObject } from "./vocabulary.js";

const PLACEHOLDER = /\{([^{}]+)\}/g;
/** Segments a URL parser removes or collapses: an empty segment, `.` and `..`. */
const VANISHING_SEGMENT = /^\.{0,2}$/;

/** Primitive values, or arrays and plain objects of them: what path styles can serialize. */
function serializable(value: unknown): boolean {
  if (typeof value !== "object") return typeof value !== "function" && typeof value !== "symbol";
  if (value === null || !(Array.isArray(value) || isPlainObject(value))) return false;
  return Object.values(value).every((item) => typeof item !== "object" && typeof item !== "function");
}

/**
 * An openapi-fetch `pathSerializer` that serializes exactly as openapi-fetch's default, but refuses,
 * before anything is sent, every parameter that would not land in its own segment intact: missing
 * values (openapi-fetch would send a literal `{name}`), values that serialize to nothing (`""`, `[]`,
 * `{}`), values that are not data (a Date, a Map, nested objects), and values whose segment a URL
 * parser would remove (`.`, `..`, or `.` alone in label style). Everything else (`/`, `?`, `#`,
 * `%`) is percent-encoded and stays inside its segment.
 */
export const safePathSerializer: PathSerializer = (template, params) => {
  const refuse = (name: string, why: string): never => {
    throw new UnsafePathParameterError(`Path parameter "${name}" for ${template} ${why}; nothing was sent`, name);
  };
  const path = template.replace(PLACEHOLDER, (placeholder, expression: string) => {
    const name = expression.replace(/^[.;]/, "").replace(/\*$/, "");
    const value = params?.[name];
    if (value === undefined || value === null) refuse(name, "is missing");
    if (!serializable(value)) refuse(name, "must be a string, number, boolean, or an array or plain object of them");
    const serialized = defaultPathSerializer(placeholder, { [name]: value });
    // Label and matrix styles start with their prefix; the value itself must add something.
    if (serialized === "" || serialized === expression.slice(0, 1).replace(/[^.;]/, "")) refuse(name, "is empty");
    return serialized;
  });
  // Values are percent-encoded, so each template segment is one sent segment; check none vanishes.
  const sent = path.split("/");
  template.split("/").forEach((segment, index) => {
    const name = /\{[.;]?([^{}*]+)/.exec(segment)?.[1];
    if (name !== undefined && VANISHING_SEGMENT.test(sent[index] as string)) {
      refuse(name, `would make the segment ${JSON.stringify(sent[index])}, which changes the path`);
    }
  });
  return path;
};
