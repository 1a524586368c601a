import { inject } from "vitest";

export interface Violation {
  method: string;
  url: string;
  violations: PrismViolation[];
}

// Kept on globalThis: the setup file and the tests may load this module as two instances.
const store = globalThis as { [key: symbol]: Violation[] | undefined };
const STORE_KEY = Symbol.for("specsdk.testing.violations");
const recorded: Violation[] = store[STORE_KEY] ?? [];
store[STORE_KEY] = recorded;

/** Base URL of the Prism mock started for a provider by the global setup. */
export function prismUrl(provider: string): string {
  const url = inject("prismUrls")[provider];
  if (!url) throw new Error(`no Prism mock for "${provider}"; list its spec in the package's vitest.config.ts`);
  return url;
}

/** One finding of Prism's `sl-violations` header; `location[0]` says whether it is about the request or the response. */
export interface PrismViolation {
  location?: string[];
  message?: string;
  /** Prism's diagnostic code, e.g. `deprecated`. */
  code?: string;
}

/**
 * Whether a finding says the exchange broke the spec. Two do not:
 * - Prism checks a mocked event stream's text against the schema, which describes each event's
 *   data, not the stream: that is about Prism's mock, not about the request we sent.
 * - `deprecated` is Prism's notice that a parameter the spec marks deprecated was sent (GitHub's
 *   `page` on dependabot alerts): the request is still valid.
 */
function breaksTheSpec(violation: PrismViolation, response: Response): boolean {
  const streamBody =
    response.headers.get("content-type")?.startsWith("text/event-stream") === true &&
    violation.location?.[0] === "response" &&
    violation.location[1] === "body";
  return !streamBody && violation.code !== "deprecated";
}

/** Prism's findings on a response (its `sl-violations` header), without those that do not break the spec. */
export function specFindings(response: Response): PrismViolation[] {
  const header = response.headers.get("sl-violations");
  const violations = header === null ? [] : (JSON.parse(header) as PrismViolation[]);
  return violations.filter((violation) => breaksTheSpec(violation, response));
}

async function forward(request: Request, init: RequestInit | undefined, record: boolean): Promise<Response> {
  const response = await fetch(request, init);
  const violations = specFindings(response);
  if (record && violations.length > 0) recorded.push({ method: request.method, url: request.url, violations });
  return response;
}

/**
 * The `fetch` to give clients under test. Every response Prism marks with `sl-violations` is
 * recorded, and contract-setup fails the test after it ends: conformance is checked for every
 * request without each test having to remember it.
 */
export const contractFetch = (request: Request, init?: RequestInit): Promise<Response> => forward(request, init, true);

/** For the few tests that send a non-conforming request on purpose (e.g. no credentials → 401). */
export const nonConformingFetch = (request: Request, init?: RequestInit): Promise<Response> =>
  forward(request, init, false);

/** The recorded findings about one side of the exchange (`request` or `response`), as one line per request. */
export function describeViolations(recorded: Violation[], side?: "request" | "response"): string[] {
  return recorded.flatMap(({ method, url, violations }) => {
    const found = violations.filter(
      (violation) => side === undefined || (violation.location?.[0] ?? "request") === side,
    );
    return found.length > 0 ? [`${method} ${url}: ${JSON.stringify(found)}`] : [];
  });
}

/** Returns and clears the violations recorded since the last call. */
export function takeViolations(): Violation[] {
  return recorded.splice(0);
}
