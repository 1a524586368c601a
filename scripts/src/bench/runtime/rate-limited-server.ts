/**
 * Child process for the throughput section: a node:http server on 127.0.0.1 that enforces a rate
 * limit the way an API does, answering 429 to any request beyond `requests` in the last `windowMs`.
 * Prints its port; when stdin closes, prints `{ "ok": n, "rejected": n }` and exits.
 */
import { createServer } from "node:http";
import { serveForParent } from "./serve-for-parent.js";

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
serveForParent(server, () => JSON.stringify({ ok, rejected }));
