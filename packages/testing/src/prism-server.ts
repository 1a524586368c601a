import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";

export interface RunningPrism {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a Prism mock server for one spec inside this process, on a free loopback port.
 * In-process means it cannot outlive the test run: no orphan to kill after Ctrl-C or a crash.
 */
export async function startPrism(specPath: string, options: { cors?: boolean } = {}): Promise<RunningPrism> {
  const operations = await getHttpOperationsFromSpec(specPath);
  const server = createServer(operations, {
    cors: options.cors ?? false,
    components: { logger: createLogger("PRISM", { level: "silent" }) },
    config: {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      mock: { dynamic: false },
      isProxy: false,
      upstreamProxy: undefined,
    },
  });
  const url = await server.listen(0, "127.0.0.1");
  // Wait until it answers HTTP, not just until the socket is bound.
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(`${url}/__specsdk_readiness_probe__`);
      break;
    } catch (error) {
      if (attempt >= 50) {
        await server.close();
        throw new Error(`Prism for ${specPath} did not answer at ${url}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, close: () => server.close() };
}
