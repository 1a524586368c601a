import { HTTP_METHODS } from "../shared/runtime-vocabulary.js";
import { isReservedWord } from "./reserved-words.js";

/**
 * Method names for operations: `operationId` cleaned of framework noise, else the summary, else the
 * method and path. Always valid, camelCase JavaScript identifiers.
 */

/**
 * Names a method must not take: the client's own members, what every object has (`toString`,
 * `constructor`…), what makes an object a thenable (`then`: `await client` would call it), and
 * JavaScript's reserved words (legal as method names, but not as the variables users destructure into).
 */
const RESERVED = new Set([
  ...HTTP_METHODS.map((method) => method.toUpperCase()),
  ...["request", "use", "eject"],
  ...Object.getOwnPropertyNames(Object.prototype),
  ...["then", "catch", "finally"],
]);

/** Whether a name is one a method must not take (see RESERVED), e.g. a deprecated alias from the provider config. */
export function isReservedMethodName(name: string): boolean {
  return RESERVED.has(name) || isReservedWord(name);
}

function words(text: string): string[] {
  return text
    .replace(/([A-Z]{2,})s(?![a-z])/g, (_, acronym: string) => ` ${acronym.toLowerCase()}s `) // APIs, URLs: one word
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

export function camelCase(text: string): string {
  const [first = "", ...rest] = words(text).map((word) => word.toLowerCase());
  const joined = first + rest.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
  return /^[0-9]/.test(joined) ? `op${joined.charAt(0).toUpperCase()}${joined.slice(1)}` : joined;
}

export function pascalCase(text: string): string {
  const camel = camelCase(text);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/**
 * FastAPI builds operationIds as `<function>` + path with every non-word character replaced by `_`
 * + `_<method>` (`delete_user_image_api_v1_images__image_name___image_tag__delete`). Strip that.
 */
export function stripFastApiSuffix(operationId: string, path: string, method: string): string {
  const suffix = `${path.replace(/\W/g, "_")}_${method.toLowerCase()}`;
  if (operationId.endsWith(suffix) && operationId.length > suffix.length) {
    return operationId.slice(0, -suffix.length);
  }
  return operationId;
}

/**
 * HubSpot's generator writes `<method>-<path>_<name>` (`get-/marketing/v3/events/{id}_getById`):
 * the name is the part after the path.
 */
export function stripMethodPathPrefix(operationId: string, path: string, method: string): string {
  const prefix = `${method.toLowerCase()}-${path}_`;
  return operationId.toLowerCase().startsWith(prefix.toLowerCase()) && operationId.length > prefix.length
    ? operationId.slice(prefix.length)
    : operationId;
}

export interface NamingInput {
  method: string;
  path: string;
  operationId?: string | undefined;
  summary?: string | undefined;
}

/** A summary this long is a sentence, not a name: the method and path say it shorter. */
const MAX_SUMMARY_WORDS = 4;

/** Path segments that say nothing about the resource: `api`, versions (`v1`, `1.0`, `2023-01-01`). */
const NOISE_SEGMENT = /^(api|rest|v?\d+(\.\d+)*|\d{4}-\d{2}-\d{2})$/i;

/**
 * A name from the method and path, short: the last two resource segments, and the trailing path
 * parameter (`GET /api/v1/users/{id}/repos` → `getUsersRepos`, `GET /stations/{code}` → `getStationsByCode`).
 */
function pathName(method: string, path: string): string {
  const segments = path.split("/").filter((segment) => segment !== "");
  const literals = segments.filter((segment) => !segment.includes("{") && !NOISE_SEGMENT.test(segment));
  const last = segments.at(-1) ?? "";
  const trailingParameter = /^\{([^}]+)\}$/.exec(last)?.[1];
  return [method, ...literals.slice(-2), ...(trailingParameter ? ["by", trailingParameter] : [])].join(" ");
}

export function operationMethodName({ method, path, operationId, summary }: NamingInput): string {
  const shortSummary = summary && words(summary).length <= MAX_SUMMARY_WORDS ? summary : undefined;
  const candidates = [
    operationId ? stripMethodPathPrefix(stripFastApiSuffix(operationId, path, method), path, method) : undefined,
    shortSummary,
    pathName(method, path),
  ];
  for (const candidate of candidates) {
    const name = candidate ? camelCase(candidate) : "";
    if (name !== "" && !isReservedMethodName(name)) return name;
  }
  return camelCase(`${method} operation`);
}

/** The last literal path segment, for telling apart operations that share a name (`/records/{id}` → `Records`). */
function pathQualifier(path: string): string {
  const literal = path.split("/").filter((segment) => segment !== "" && !segment.startsWith("{"));
  return pascalCase(literal.at(-1) ?? "root");
}

/**
 * The operationIds without what generators add to them: a dotted namespace every operationId shares
 * (Google's `mybusiness.accounts.list` → `accounts.list`), and counters that tell duplicates apart
 * (`create2`, `getAll3`: when the name without digits is used more than once, the path tells them apart).
 */
function cleanedOperationIds(inputs: readonly NamingInput[]): (string | undefined)[] {
  const ids = inputs.map((input) => input.operationId);
  const dotted = ids.filter((id): id is string => id?.includes(".") === true);
  const candidate = dotted.length === ids.length && ids.length > 1 ? `${dotted[0]?.split(".")[0]}.` : "";
  const shared = candidate !== "" && dotted.every((id) => id.startsWith(candidate) && id.length > candidate.length);
  const prefix = shared ? candidate : undefined;
  const unprefixed = ids.map((id) => (id && prefix ? id.slice(prefix.length) : id));
  const counted = (id: string | undefined) => /^(.*[a-z])\d+$/.exec(id ?? "")?.[1];
  const bases = new Map<string, number>();
  for (const id of unprefixed) {
    const base = counted(id) ?? id;
    if (base !== undefined) bases.set(base, (bases.get(base) ?? 0) + 1);
  }
  return unprefixed.map((id) => {
    const base = counted(id);
    return base !== undefined && (bases.get(base) ?? 0) > 1 ? base : id;
  });
}

/**
 * Gives each operation a unique name, deterministically: the first (in spec order) keeps the plain
 * name; later ones get their last path segment, then the HTTP method, then a counter.
 */
export function uniqueNames(inputs: readonly NamingInput[]): string[] {
  const taken = new Set<string>();
  const operationIds = cleanedOperationIds(inputs);
  return inputs.map((original, index) => {
    const input = { ...original, operationId: operationIds[index] };
    const base = operationMethodName(input);
    const qualifier = pathQualifier(input.path);
    // A qualifier already in the name tells nothing apart (`xmlMarketstat` on /marketstat): the method does.
    const byPath = base.toLowerCase().includes(qualifier.toLowerCase()) ? [] : [`${base}${qualifier}`];
    const candidates = [base, ...byPath, `${base}${pascalCase(input.method)}`];
    let name = candidates.find((candidate) => !taken.has(candidate)) ?? base;
    for (let counter = 2; taken.has(name); counter++) name = `${base}${counter}`;
    taken.add(name);
    return name;
  });
}
