/**
 * Child process for the loopback section: a node:http server on 127.0.0.1 and a random port that
 * answers every request with the stub's JSON body. Prints its port, exits when stdin closes (so it
 * never outlives the benchmark) or after 10 minutes at most.
 */
import { createServer } from "node:http";
import { serveForParent } from "./serve-for-parent.js";
import { STUB_BODY } from "./stub-fetch.js";

const body = JSON.stringify(STUB_BODY);
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
});
serveForParent(server);
