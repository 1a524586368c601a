import type { ResolvedClientOptions } from "./client-options.js";
import type { DebugSink } from "./debug-log.js";
import type { OperationDefinition } from "./provider-definition.js";
import { RateLimiter } from "./rate-limiter.js";
import { DEFAULT_RETRY_POLICY } from "./retry-policy.js";
import { createTransport, type Transport } from "./transport.js";

/** HTTP methods whose repetition cannot change the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);

export interface CallOverrides {
  timeout?: number | undefined;
  maxRetries?: number | undefined;
}

/**
 * Chooses the transport for a call. Most calls share the client's default (rate limiter included);
 * a POST the provider config marks idempotent, or a call with its own `timeout`/`maxRetries`, gets
 * its own, built on the same fetch and the same rate limiter.
 */
export function createTransportSelector(resolved: ResolvedClientOptions, debug: DebugSink | undefined) {
  const rateLimiter = resolved.rateLimit ? new RateLimiter(resolved.rateLimit) : undefined;
  const build = (idempotent: (request: Request) => boolean, overrides: CallOverrides = {}) =>
    createTransport({
      fetch: resolved.fetch,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: overrides.maxRetries ?? resolved.maxRetries },
      timeoutMs: overrides.timeout ?? resolved.timeout,
      maxResponseBytes: resolved.maxResponseBytes,
      idempotent,
      rateLimiter,
      debug,
      secret: resolved.apiKey,
    });
  const byMethod = (request: Request) => IDEMPOTENT_METHODS.has(request.method);
  const always = () => true;
  const clientDefault = build(byMethod);
  const markedIdempotent = build(always);

  return {
    clientDefault,
    /** The transport for one call, or undefined when the client default applies. */
    forCall(operation: OperationDefinition | undefined, overrides: CallOverrides): Transport | undefined {
      const configMarked = operation?.idempotent === true && !IDEMPOTENT_METHODS.has(operation.method.toUpperCase());
      if (overrides.timeout !== undefined || overrides.maxRetries !== undefined) {
        return build(configMarked ? always : byMethod, overrides);
      }
      return configMarked ? markedIdempotent : undefined;
    },
  };
}
