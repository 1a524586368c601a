import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import type { RunningPrism } from "./prism-server.js";

/**
 * Starts Prism in proxy mode for one spec, inside this process, on a free loopback port: every
 * request is forwarded to `upstream` (the real API, or a stand-in), and every request and response
 * is checked against the spec. Problems come back in the `sl-violations` header, as with the mock,
 * so `contractFetch` and the contract assertion work unchanged.
 *
 * - `errors: false`: the upstream's real answer is passed through even when it violates the spec,
 *   so a test sees both the answer and the violation.
 * - The logger stays silent: Prism logs each request's headers, which carry the API key.
 * - No readiness probe over HTTP: any request, even to an unknown path, would be forwarded upstream.
 */
export async function startPrismProxy(specPath: string, upstream: string): Promise<RunningPrism> {
  const operations = await getHttpOperationsFromSpec(specPath);
  const server = createServer(operations, {
    cors: false,
    components: { logger: createLogger("PRISM", { level: "silent" }) },
    config: {
      isProxy: true,
      upstream: new URL(upstream),
      upstreamProxy: undefined,
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      mock: { dynamic: false },
    },
  });
  const url = await server.listen(0, "127.0.0.1");
  return { url, close: () => server.close() };
}
