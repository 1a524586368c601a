/**
 * Child process for the stream section: a node:http server on 127.0.0.1 that answers every request
 * with server-sent events, `count` of them `gapMs` apart, each carrying the moment it was written
 * (`performance.timeOrigin + performance.now()`, the same clock the client reads). Prints its
 * port; exits when stdin closes or after 10 minutes at most.
 */
import { createServer } from "node:http";
import { serveForParent } from "./serve-for-parent.js";

const [count = "10", gapMs = "50"] = process.argv.slice(2);

const server = createServer((request, response) => {
  request.resume();
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  response.flushHeaders();
  let sent = 0;
  const tick = () => {
    if (response.destroyed) return;
    if (sent === Number(count)) return response.end();
    sent++;
    response.write(`id: ${sent}\ndata: {"writtenAt":${performance.timeOrigin + performance.now()}}\n\n`);
    setTimeout(tick, Number(gapMs));
  };
  setTimeout(tick, Number(gapMs));
});
serveForParent(server);
