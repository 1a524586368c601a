import type { ClientOptions } from "../src/client-options.js";
import { createProviderClient } from "../src/create-client.js";
import type { OperationDefinition, ProviderDefinition } from "../src/provider-definition.js";

function operation(method: OperationDefinition["method"], path: string, extra: Partial<OperationDefinition> = {}) {
  return {
    method,
    path,
    serverUrl: "https://api.example.test",
    pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string),
    queryParams: [],
    headerParams: [],
    cookieParams: [],
    bodyInput: "none",
    authenticated: true,
    idempotent: method === "delete" || method === "get",
    ...extra,
  } satisfies OperationDefinition;
}

/** A provider like the generated ones, with one operation per retry class. */
export const fixtureProvider = {
  name: "fixture",
  displayName: "Fixture",
  defaultBaseUrl: "https://api.example.test",
  auth: { envVar: "FIXTURE_API_KEY", placement: { in: "bearer" } },
  operations: {
    deleteItem: operation("delete", "/items/{id}"),
    createItem: operation("post", "/items", { bodyInput: "fields" }),
    purgeItem: operation("post", "/items/{id}/purge", { idempotent: true }),
  },
} as const satisfies ProviderDefinition;

export interface FixtureNamedMethods {
  deleteItem(input: { id: string }, options?: import("../src/client-options.js").CallOptions): Promise<unknown>;
  createItem(
    input: Record<string, unknown>,
    options?: import("../src/client-options.js").CallOptions,
  ): Promise<unknown>;
  purgeItem(input: { id: string }, options?: import("../src/client-options.js").CallOptions): Promise<unknown>;
}

export const FIXTURE_KEY = "fx-secret-key-42";

export function fixtureClient(baseUrl: string, options: ClientOptions = {}) {
  return createProviderClient<
    {
      "/items/{id}": { delete: { parameters: { path: { id: string } }; responses: {} } };
      "/items": { post: { parameters: {}; requestBody: { content: { "application/json": object } }; responses: {} } };
    },
    FixtureNamedMethods
  >(fixtureProvider, { apiKey: FIXTURE_KEY, baseUrl, ...options });
}
