/**
 * Child process for the throughput section: a node:http server on 127.0.0.1 that enforces a rate
 * limit the way an API does, answering 429 to any request beyond `requests` in the last `windowMs`.
 * Prints its port; when stdin closes, prints `{ "ok": n, "rejected": n }` and exits.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const [requests = "50", windowMs = "1000"] = process.argv.slice(2);
/** Arrival times of the requests answered 200 within the window, oldest first. */
const recent: number[] = [];
let ok = 0;
let rejected = 0;

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    const now = performance.now();
    while (recent.length > 0 && (recent[0] as number) <= now - Number(windowMs)) recent.shift();
    if (recent.length >= Number(requests)) {
      rejected++;
      response.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
      return response.end('{"error":"rate limited"}');
    }
    recent.push(now);
    ok++;
    response.writeHead(200, { "content-type": "application/json" });
    response.end('{"success":true,"message":"image deleted"}');
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.stdin
  .on("end", () => {
    process.stdout.write(`${JSON.stringify({ ok, rejected })}\n`);
    server.closeAllConnections();
    server.close();
    process.exit(0);
  })
  .resume();
setTimeout(() => process.exit(1), 600_000).unref();
