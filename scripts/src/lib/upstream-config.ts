import { HTTP_METHODS, type HttpMethod } from "./openapi-types.js";

/**
 * `upstream` in provider.config.json: where the provider publishes its OpenAPI document, and which
 * of its operations we vendor when it describes more than the SDK covers.
 *
 * ```json
 * "upstream": { "url": "https://api.primeintellect.ai/openapi.json", "keep": ["DELETE /api/v1/images/{image_name}/{image_tag}"] }
 * ```
 */
export interface UpstreamConfig {
  /** The document's https URL (JSON or YAML). */
  url: string;
  /** `"METHOD /path"` of each operation to vendor; without it, every operation is. */
  keep?: string[];
}

export interface OperationKey {
  method: HttpMethod;
  path: string;
}

const OPERATION = new RegExp(`^(${HTTP_METHODS.map((method) => method.toUpperCase()).join("|")}) (/\\S*)$`);
const EXAMPLE = `e.g. "POST /delete_image"`;

/** `"POST /delete_image"` → `{ method: "post", path: "/delete_image" }`, or undefined if malformed. */
export function parseOperationKey(entry: string): OperationKey | undefined {
  const match = OPERATION.exec(entry);
  return match ? { method: (match[1] as string).toLowerCase() as HttpMethod, path: match[2] as string } : undefined;
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** The first problem with an `upstream` value, worded for `provider.config.json: <problem>`. */
export function checkUpstreamConfig(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return `"upstream" must be an object: { "url": "https://…", "keep": ["METHOD /path", …] }`;
  for (const key of Object.keys(value)) {
    if (key !== "url" && key !== "keep") return `unknown field "upstream.${key}" (allowed: "url", "keep")`;
  }
  const { url, keep } = value as Record<string, unknown>;
  if (url === undefined) return `missing required field "upstream.url"`;
  if (typeof url !== "string" || !URL.canParse(url) || new URL(url).protocol !== "https:")
    return `"upstream.url" must be an https:// URL (got ${JSON.stringify(url)})`;
  if (keep === undefined) return undefined;
  if (!Array.isArray(keep) || keep.length === 0)
    return `"upstream.keep" must be a non-empty array of "METHOD /path" strings, ${EXAMPLE}; leave it out to keep every operation`;
  const seen = new Set<string>();
  for (const [index, entry] of keep.entries()) {
    if (typeof entry !== "string" || !parseOperationKey(entry))
      return `"upstream.keep[${index}]" must be "METHOD /path" with an upper-case HTTP method, ${EXAMPLE} (got ${JSON.stringify(entry)})`;
    if (seen.has(entry)) return `"upstream.keep" lists ${JSON.stringify(entry)} twice`;
    seen.add(entry);
  }
  return undefined;
}
