import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The child side of child-server.ts: listens on 127.0.0.1 and a random port, prints the port, and
 * exits when the parent closes stdin (printing `lastLine()` first, if given) or after 10 minutes at
 * most, so a bench server never outlives its benchmark.
 */
export function serveForParent(server: Server, lastLine?: () => string): void {
  server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
  const stop = () => {
    if (lastLine) process.stdout.write(`${lastLine()}\n`);
    server.closeAllConnections();
    server.close();
    process.exit(0);
  };
  process.stdin.on("end", stop).resume();
  setTimeout(stop, 600_000).unref();
}
