import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface Route {
  status: number;
  body: string;
  contentType?: string;
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LoopbackServer {
  url: string;
  /** What each path answers; unknown paths go to `fallback` (404 without one). Can be changed while running. */
  routes: Map<string, Route>;
  fallback: ((request: ReceivedRequest) => Route) | undefined;
  /** Paths requested, in order. */
  requested: string[];
  /** Every request, in order. */
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** A plain HTTP server on 127.0.0.1 and a random port, standing in for an upstream host. */
export async function startLoopbackServer(routes: Record<string, Route> = {}): Promise<LoopbackServer> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const received = {
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    state.requested.push(received.url);
    state.received.push(received);
    const route = state.routes.get(received.url) ??
      state.fallback?.(received) ?? { status: 404, body: "not found", contentType: "text/plain" };
    response.writeHead(
      route.status,
      route.body === "" ? {} : { "content-type": route.contentType ?? "application/json" },
    );
    response.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const state: LoopbackServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routes: new Map(Object.entries(routes)),
    fallback: undefined,
    requested: [],
    received: [],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return state;
}

/** A loopback address nothing listens on: a port that was free a moment ago, now closed. */
export async function closedPortUrl(): Promise<string> {
  const server = await startLoopbackServer();
  await server.close();
  return server.url;
}
