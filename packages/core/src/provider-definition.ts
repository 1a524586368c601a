/**
 * The shape of the metadata the generator writes to `packages/<provider>/src/generated/provider.ts`.
 * It is everything the runtime needs to know about a provider that TypeScript types cannot carry:
 * where the API lives, how credentials travel, and how each operation maps to HTTP.
 */

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** Where the API key goes on the wire. */
export type CredentialPlacement =
  | { readonly in: "bearer" }
  | { readonly in: "basic" }
  | { readonly in: "header" | "query" | "cookie"; readonly name: string }
  /** Inside the JSON request body (ModelsLab's `key`). */
  | { readonly in: "body"; readonly name: string };

export interface AuthDefinition {
  /** Environment variable read when `apiKey` is not passed. */
  readonly envVar: string;
  readonly placement: CredentialPlacement;
}

/** A body field that marks an error even on HTTP 200 (ModelsLab's `status: "error"`). */
export interface ErrorEnvelopeDefinition {
  readonly field: string;
  readonly value: string;
  /** Fields tried in order for a human-readable message. */
  readonly messageFields: readonly string[];
}

export interface RateLimitDefinition {
  readonly requests: number;
  readonly perMilliseconds: number;
}

/** How a named method's single argument maps onto the HTTP request. */
export type BodyInput =
  /** No request body. */
  | "none"
  /** The body's properties sit next to the parameters in the argument (no name clashes). */
  | "fields"
  /** The body is passed as the argument's `body` property. */
  | "property";

/** How a success body is read: JSON, text, or binary (a Blob); `none` for bodiless responses. */
export type SuccessParse = "json" | "text" | "blob" | "none";

export interface OperationDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  /** Spec `operationId`, when it has one. */
  readonly operationId?: string;
  /** Server URL from the operation's `servers`, or the path item's, or the document's. */
  readonly serverUrl: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly headerParams: readonly string[];
  readonly cookieParams: readonly string[];
  readonly bodyInput: BodyInput;
  /** Media type of the request body (the spec's first); absent means `application/json`. */
  readonly bodyMediaType?: string;
  /**
   * `flat`: parameters (and body fields, see `bodyInput`) sit side by side in the argument.
   * `grouped`: names clash across locations, so the argument is `{ path, query, header, cookie, body }`.
   */
  readonly inputShape?: "flat" | "grouped";
  /** Defaults to JSON. */
  readonly successParse?: SuccessParse;
  /** Whether the operation needs the client's credential. */
  readonly authenticated: boolean;
  /** Safe to retry after the server saw it (DELETE/PUT/GET…, or marked in the provider config). */
  readonly idempotent: boolean;
}

export interface ProviderDefinition {
  readonly name: string;
  readonly displayName: string;
  readonly defaultBaseUrl: string;
  readonly auth: AuthDefinition;
  readonly errorEnvelope?: ErrorEnvelopeDefinition;
  readonly rateLimit?: RateLimitDefinition;
  readonly operations: Readonly<Record<string, OperationDefinition>>;
}
