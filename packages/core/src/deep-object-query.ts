import { createQuerySerializer } from "openapi-fetch";
import type { OperationDefinition } from "./provider-definition.js";
import { appendDeepObject } from "./request-body.js";

/**
 * The query serializer for a call to an operation whose spec encodes query parameters as `deepObject`
 * (its `queryDeepObjects`): those in brackets at any depth, arrays by index
 * (`lines[0][tax_rates][0]=txr_1`, as Stripe reads them), the others as openapi-fetch serializes them,
 * whose own serializer throws on a nested value. Undefined for other operations: openapi-fetch's is used.
 */
export function deepObjectQuery(
  operation: OperationDefinition | undefined,
): ((query: Record<string, unknown>) => string) | undefined {
  const names = operation?.queryDeepObjects;
  if (names === undefined) return undefined;
  const others = createQuerySerializer();
  return (query) => {
    const deep = new URLSearchParams();
    const rest: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(query)) {
      if (names.includes(name)) appendDeepObject(deep, name, value);
      else rest[name] = value;
    }
    // URLSearchParams writes a space as `+`; in a URL's query it is `%20`, as openapi-fetch writes it.
    return [deep.toString().replaceAll("+", "%20"), others(rest)].filter(Boolean).join("&");
  };
}
