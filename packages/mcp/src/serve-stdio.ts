import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createMcpServer, type ProviderTools } from "./create-server.js";

/** One MCP session over this process's stdin/stdout; resolves when the client closes stdin. */
export async function serveStdio(tools: ProviderTools): Promise<void> {
  const server = createMcpServer(tools);
  const closed = new Promise<void>((resolve) => {
    server.onclose = resolve;
    // The client closing our stdin is the end of the session.
    process.stdin.once("end", () => void server.close());
  });
  await server.connect(new StdioServerTransport());
  await closed;
  // A kept-alive connection to the API must not hold the process once the session is over.
  setTimeout(() => process.exit(0), 1000).unref();
}
