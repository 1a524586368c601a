import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Route {
  status: number;
  body: string;
  contentType?: string;
}

export interface LoopbackServer {
  url: string;
  /** What each path answers; unknown paths answer 404. Can be changed while running. */
  routes: Map<string, Route>;
  /** Paths requested, in order. */
  requested: string[];
  close(): Promise<void>;
}

/** A plain HTTP server on 127.0.0.1 and a random port, standing in for an upstream host. */
export async function startLoopbackServer(routes: Record<string, Route> = {}): Promise<LoopbackServer> {
  const table = new Map(Object.entries(routes));
  const requested: string[] = [];
  const server = createServer((request, response) => {
    requested.push(request.url ?? "");
    const route = table.get(request.url ?? "") ?? { status: 404, body: "not found", contentType: "text/plain" };
    response.writeHead(route.status, { "content-type": route.contentType ?? "application/json" });
    response.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routes: table,
    requested,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback address nothing listens on: a port that was free a moment ago, now closed. */
export async function closedPortUrl(): Promise<string> {
  const server = await startLoopbackServer();
  await server.close();
  return server.url;
}
