import type { ApiPromise } from "../src/api-promise.js";
import type { CallOptions, ClientOptions } from "../src/client-options.js";
import { createProviderClient } from "../src/create-client.js";
import { type EventStreamPromise, eventStream } from "../src/event-stream.js";
import { type PagePromise, paginate } from "../src/pagination.js";
import type { CredentialPlacement, OperationDefinition, ProviderDefinition } from "../src/provider-definition.js";

/**
 * An operation as the generator writes it: path parameters from the path, no body, authenticated,
 * idempotent when its method is (GET/DELETE here); `extra` overrides.
 */
export function operation(
  method: OperationDefinition["method"],
  path: string,
  extra: Partial<OperationDefinition> = {},
) {
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

const pageQuery = ["page", "per_page", "starting_after", "limit", "offset"];

/** A provider like the generated ones: one operation per retry class, streams and each pagination style. */
export const fixtureProvider = {
  name: "fixture",
  displayName: "Fixture",
  defaultBaseUrl: "https://api.example.test",
  auth: { envVar: "FIXTURE_API_KEY", placement: { in: "bearer" } },
  operations: {
    deleteItem: operation("delete", "/items/{id}"),
    createItem: operation("post", "/items", { bodyInput: "fields" }),
    purgeItem: operation("post", "/items/{id}/purge", { idempotent: true }),
    streamEvents: operation("get", "/events", { successParse: "event-stream", eventData: "json" }),
    streamText: operation("get", "/text-events", { successParse: "event-stream", eventData: "text" }),
    listLinked: operation("get", "/linked", {
      queryParams: pageQuery,
      pagination: { style: "link" },
    }),
    listCursor: operation("get", "/cursor", {
      queryParams: pageQuery,
      pagination: {
        style: "cursor",
        items: "data",
        cursorParam: "starting_after",
        nextCursor: { lastItemField: "id" },
        hasMore: "has_more",
      },
    }),
    listOffset: operation("get", "/offset", {
      queryParams: pageQuery,
      pagination: { style: "offset", items: "items", offsetParam: "offset", limitParam: "limit" },
    }),
  },
} as const satisfies ProviderDefinition;

type Item = { id: string };
type PageQuery = { page?: number; per_page?: number; starting_after?: string; limit?: number; offset?: number };

export interface FixtureNamedMethods {
  deleteItem(input: { id: string }, options?: CallOptions): ApiPromise<unknown>;
  createItem(input: Record<string, unknown>, options?: CallOptions): ApiPromise<unknown>;
  purgeItem(input: { id: string }, options?: CallOptions): ApiPromise<unknown>;
  streamEvents(input?: {}, options?: CallOptions): EventStreamPromise<{ n: number }>;
  streamText(input?: {}, options?: CallOptions): EventStreamPromise<string>;
  listLinked(input?: PageQuery, options?: CallOptions): PagePromise<Item[], Item>;
  listCursor(input?: PageQuery, options?: CallOptions): PagePromise<{ data: Item[]; has_more: boolean }, Item>;
  listOffset(input?: PageQuery, options?: CallOptions): PagePromise<{ items: Item[]; total: number }, Item>;
}

type FixturePaths = {
  "/items/{id}": { delete: { parameters: { path: { id: string } }; responses: {} } };
  "/items": { post: { parameters: {}; requestBody: { content: { "application/json": object } }; responses: {} } };
  "/events": { get: { parameters: {}; responses: {} } };
};

export const FIXTURE_KEY = "fx-secret-key-42";

export function fixtureClient(baseUrl: string, options: ClientOptions = {}) {
  return createProviderClient<FixturePaths, FixtureNamedMethods>(
    fixtureProvider,
    { apiKey: FIXTURE_KEY, baseUrl, ...options },
    { eventStream, paginate },
  );
}

/** A one-operation provider whose key travels in `placement` (ModelsLab: in the body). */
export function keyedClient(placement: CredentialPlacement, baseUrl: string, options: ClientOptions = {}) {
  const provider = {
    ...fixtureProvider,
    auth: { envVar: "FIXTURE_API_KEY", placement },
    operations: { deleteThing: operation("post", "/delete", { bodyInput: "fields", idempotent: true }) },
  } satisfies ProviderDefinition;
  return createProviderClient<
    {
      "/delete": { post: { parameters: {}; requestBody: { content: { "application/json": object } }; responses: {} } };
    },
    { deleteThing(input: Record<string, unknown>, options?: CallOptions): ApiPromise<unknown> }
  >(provider, { apiKey: FIXTURE_KEY, baseUrl, ...options });
}
