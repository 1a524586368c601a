import { MockStartError } from "./errors.js";
import type { PrismOperation } from "./prism-operations.js";
import { resolveProviderSpec, specFilePath } from "./resolve-spec.js";

/** What to serve: an installed provider package's spec by name (`"primeintellect"`), or a spec file. */
export type MockSource = string | { spec: string | URL };

export interface MockOptions {
  /**
   * Build responses from the schemas (valid, randomly filled) instead of the spec's examples.
   * Default `false`. Per request: `Prefer: dynamic=true` or `dynamic=false`.
   */
  dynamic?: boolean;
  /**
   * Answer 500 (`application/problem+json`) when a mocked response breaks the spec's own schema,
   * instead of sending it with the finding in the `sl-violations` header. Default `false`.
   */
  errors?: boolean;
  /** Port on 127.0.0.1. Default `0`: a free port (read it from `url`). */
  port?: number;
  /** Answer CORS preflights and add CORS headers, for tests that call the mock from a browser. Default `false`. */
  cors?: boolean;
  /**
   * Where to resolve a provider package from: a directory, or a file in it (path or `file:` URL, e.g.
   * `import.meta.url`). Default: the current directory, which is the project root under vitest and jest.
   */
  from?: string | URL;
}

export interface MockServer {
  /** The server's base URL, e.g. `http://127.0.0.1:41237`: the client's `baseUrl`. */
  readonly url: string;
  /** The absolute path of the spec file served. */
  readonly spec: string;
  /** Stops the server and closes its connections; resolves once the port is free. Safe to call twice. */
  close(): Promise<void>;
}

const LOOPBACK = "127.0.0.1";

function validPort(port: number | undefined): number {
  if (port === undefined) return 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`startMock: port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  return port;
}

function specPathOf(source: MockSource, from: string | URL | undefined): string {
  if (typeof source === "string") return resolveProviderSpec(source, from, import.meta.url);
  if (
    typeof source === "object" &&
    source !== null &&
    (typeof source.spec === "string" || source.spec instanceof URL)
  ) {
    return specFilePath(source.spec);
  }
  throw new TypeError('startMock: pass a provider name ("primeintellect") or { spec: "path/to/openapi.yaml" }');
}

/**
 * Starts a Stoplight Prism mock server in this process for a provider's vendored spec (the one its
 * package ships) or a spec file, listening on 127.0.0.1. Responses come from the spec's examples
 * (or schemas); requests are validated against the spec, findings in the `sl-violations` header.
 * Per request, `Prefer: code=404`, `Prefer: example=<name>` and `Prefer: dynamic=true` pick the
 * response. Being in-process, it cannot outlive the test run.
 */
export async function startMock(source: MockSource, options: MockOptions = {}): Promise<MockServer> {
  const port = validPort(options.port);
  const spec = specPathOf(source, options.from);

  // Prism is loaded on the first start, not when this module is imported.
  const [{ createLogger }, { prismOperations }, { createServer }] = await Promise.all([
    import("@stoplight/prism-core"),
    import("./prism-operations.js"),
    import("@stoplight/prism-http-server"),
  ]);
  let operations: PrismOperation[];
  try {
    operations = await prismOperations(spec);
  } catch (error) {
    throw new MockStartError(
      "INVALID_SPEC",
      `startMock: Prism cannot read ${spec}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (operations.length === 0) {
    throw new MockStartError("INVALID_SPEC", `startMock: ${spec} has no operations to mock`);
  }

  const server = createServer(operations, {
    cors: options.cors ?? false,
    // Silent: Prism logs every request's headers, API keys included.
    components: { logger: createLogger("PRISM", { level: "silent" }) },
    config: {
      mock: { dynamic: options.dynamic ?? false },
      errors: options.errors ?? false,
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      isProxy: false,
      upstreamProxy: undefined,
    },
  });
  let url: string;
  try {
    url = await server.listen(port, LOOPBACK);
  } catch (error) {
    // Prism rejects with the error's message only.
    const message = String(error instanceof Error ? error.message : error);
    if (message.includes("EADDRINUSE")) {
      throw new MockStartError(
        "PORT_IN_USE",
        `startMock: port ${port} on ${LOOPBACK} is in use; leave \`port\` out (or pass 0) for a free one`,
        { cause: error },
      );
    }
    throw new MockStartError("LISTEN_FAILED", `startMock: cannot listen on ${LOOPBACK}:${port}: ${message}`, {
      cause: error,
    });
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    spec,
    close() {
      // Node ≥ 19 closes idle keep-alive connections on close(); it resolves when the last one is gone.
      closing ??= server.close();
      return closing;
    },
  };
}
