import { HTTP_METHODS, type HttpMethod } from "../spec/openapi-types.js";

/**
 * `upstream` in provider.config.json: where the provider publishes its OpenAPI document, and which
 * of its operations we vendor when it describes more than the SDK covers.
 *
 * ```json
 * "upstream": { "url": "https://api.primeintellect.ai/openapi.json", "keep": ["DELETE /api/v1/images/{image_name}/{image_tag}"] }
 * ```
 *
 * scripts/provider-config.schema.json checks its shape; keep its `keep` pattern in step with OPERATION.
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

/** `"POST /delete_image"` → `{ method: "post", path: "/delete_image" }`, or undefined if malformed. */
export function parseOperationKey(entry: string): OperationKey | undefined {
  const match = OPERATION.exec(entry);
  return match ? { method: (match[1] as string).toLowerCase() as HttpMethod, path: match[2] as string } : undefined;
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
