import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createMcpServer, type ProviderTools } from "./create-server.js";

/**
 * Streamable HTTP, stateless: each POST gets a fresh server and transport (no session to keep), and the
 * Host header must name the address we listen on (DNS-rebinding protection: a web page cannot reach a
 * local server holding the key through a name it controls).
 */
export async function serveHttp(tools: ProviderTools, host: string, port: number): Promise<() => Promise<void>> {
  const httpServer = createHttpServer(async (request, response) => {
    if (new URL(request.url ?? "/", "http://localhost").pathname !== "/mcp") {
      response.writeHead(404).end();
      return;
    }
    const { port: bound } = httpServer.address() as AddressInfo;
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      enableDnsRebindingProtection: true,
      allowedHosts: [`${host}:${bound}`, `localhost:${bound}`, `127.0.0.1:${bound}`, `[::1]:${bound}`],
    });
    const server = createMcpServer(tools);
    response.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, host, resolve);
  });
  const { port: bound } = httpServer.address() as AddressInfo;
  process.stderr.write(`${tools.definition.name}: MCP over Streamable HTTP at http://${host}:${bound}/mcp\n`);
  return () => new Promise<void>((resolve) => httpServer.close(() => resolve()));
}
