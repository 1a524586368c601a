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
  | { readonly in: "body"; readonly name: string }
  /** A keyless API: the client sends no credential and needs no key. */
  | { readonly in: "none" };

export interface AuthDefinition {
  /** Environment variable read when `apiKey` is not passed (none for a keyless API). */
  readonly envVar?: string;
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

/**
 * How a success body is read: JSON, text, binary (a Blob), `none` for bodiless responses, or
 * `event-stream` (server-sent events, handed over as they arrive).
 */
export type SuccessParse = "json" | "text" | "blob" | "none" | "event-stream";

/**
 * How a list operation pages (from the provider config; specs cannot say it). Field paths are
 * dotted (`meta.next_cursor`); `items` is where the page's items are (absent: the body is the list).
 */
export type PaginationDefinition =
  /** The next page's cursor is a body field (`next`) or the last item's field (`lastItem`, Stripe's `starting_after`). */
  | {
      readonly style: "cursor";
      readonly items?: string;
      /** Input parameter (or body field) that takes the cursor. */
      readonly cursorParam: string;
      readonly nextCursor: { readonly field: string } | { readonly lastItemField: string };
      /** A boolean body field that says whether another page exists (Stripe's `has_more`). */
      readonly hasMore?: string;
    }
  /** `offset` advances by the items received; stops at an empty (or short, when `limitParam` is set) page. */
  | { readonly style: "offset"; readonly items?: string; readonly offsetParam: string; readonly limitParam?: string }
  /** RFC 8288 `Link: <…>; rel="next"` headers (GitHub): the next page is that URL, on the same origin only. */
  | { readonly style: "link"; readonly items?: string };

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
  /** Form and multipart body fields the spec encodes as `deepObject`: sent in brackets (`address[country]=US`), not as JSON. */
  readonly formDeepObjects?: readonly string[];
  /**
   * Query parameters the spec encodes as `deepObject`: sent in brackets at any depth
   * (`lines[0][type]=…`, Stripe), where openapi-fetch's own serializer stops at one level.
   */
  readonly queryDeepObjects?: readonly string[];
  /** For `fields` bodies the spec does not require: a call that gives no field sends no body. */
  readonly bodyOptional?: boolean;
  /**
   * `flat`: parameters (and body fields, see `bodyInput`) sit side by side in the argument.
   * `grouped`: names clash across locations, so the argument is `{ path, query, header, cookie, body }`.
   */
  readonly inputShape?: "flat" | "grouped";
  /** Defaults to JSON. */
  readonly successParse?: SuccessParse;
  /** For `event-stream` operations: whether each event's `data` is JSON (the spec describes it), or text. */
  readonly eventData?: "json" | "text";
  /** Whether the operation needs the client's credential. */
  readonly authenticated: boolean;
  /** Safe to retry after the server saw it (DELETE/PUT/GET…, or marked in the provider config). */
  readonly idempotent: boolean;
  /** How to walk its pages, when the provider config declares it. */
  readonly pagination?: PaginationDefinition;
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
