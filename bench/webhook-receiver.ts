import { createServer } from "node:http";

/**
 * The bench's webhook endpoint, in its own process so it costs the server nothing: answers 200 and
 * keeps, per event, the delay from the event's `timestamp` (the write's time) to its arrival.
 * `GET /stats` returns them.
 */
const delays: number[] = [];
let first = 0;
let last = 0;
const server = createServer((request, response) => {
  if (request.method === "GET") {
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ delays, first, last }));
    return;
  }
  const chunks: Buffer[] = [];
  request.on("data", (c: Buffer) => chunks.push(c));
  request.on("end", () => {
    const now = Date.now();
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { timestamp?: string; type?: string };
    if (body.type) {
      if (first === 0) first = now;
      last = now;
      delays.push(now - Date.parse(body.timestamp ?? ""));
    }
    response.writeHead(200).end("{}");
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`RECEIVER ${typeof address === "object" && address ? address.port : 0}`);
});
