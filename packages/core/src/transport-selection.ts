import type { ResolvedClientOptions } from "./client-options.js";
import type { DebugSink } from "./debug-log.js";
import type { OperationDefinition } from "./provider-definition.js";
import { RateLimiter } from "./rate-limiter.js";
import { DEFAULT_RETRY_POLICY } from "./retry-policy.js";
import { createTransport, type Transport } from "./transport.js";

/** HTTP methods whose repetition cannot change the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);
/** The same, as provider definitions spell methods (no case conversion per call). */
const IDEMPOTENT_OPERATION_METHODS = new Set<string>([...IDEMPOTENT_METHODS].map((method) => method.toLowerCase()));

export interface CallOverrides {
  timeout?: number | undefined;
  maxRetries?: number | undefined;
}

/** Distinct per-call `timeout`/`maxRetries` pairs kept per client; callers use a handful at most. */
const MAX_OVERRIDE_TRANSPORTS = 64;

/**
 * Chooses the transport for a call. Most calls share the client's default (rate limiter included);
 * a POST the provider config marks idempotent, or a call with its own `timeout`/`maxRetries`, gets
 * its own, built on the same fetch and the same rate limiter. One transport per distinct override
 * is kept, so its attempts share one timeout timer (AttemptDeadlines) like the default's do.
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
  const withOverrides = new Map<string, Transport>();

  return {
    clientDefault,
    /** The transport for one call, or undefined when the client default applies. */
    forCall(operation: OperationDefinition | undefined, overrides: CallOverrides): Transport | undefined {
      const configMarked = operation?.idempotent === true && !IDEMPOTENT_OPERATION_METHODS.has(operation.method);
      if (overrides.timeout !== undefined || overrides.maxRetries !== undefined) {
        const key = `${configMarked} ${overrides.timeout} ${overrides.maxRetries}`;
        let transport = withOverrides.get(key);
        if (transport === undefined) {
          if (withOverrides.size >= MAX_OVERRIDE_TRANSPORTS) withOverrides.clear();
          transport = build(configMarked ? always : byMethod, overrides);
          withOverrides.set(key, transport);
        }
        return transport;
      }
      return configMarked ? markedIdempotent : undefined;
    },
  };
}
