import { type IncomingHttpHeaders, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as it arrived (signatures are over these bytes). */
  body: string;
  json: Record<string, unknown>;
}

/** A local webhook endpoint that records every request and answers `status()` (200 unless told). */
export interface Receiver {
  url: string;
  received: Received[];
  /** Answer the next `times` requests with `status`. */
  failNext(times: number, status?: number): void;
  /** Resolves once `count` requests matching `match` have arrived. */
  waitFor(match: (r: Received) => boolean, count?: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let failures: { times: number; status: number } = { times: 0, status: 500 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: request.headers, body, json: JSON.parse(body) as Record<string, unknown> });
      if (failures.times > 0) {
        failures.times -= 1;
        response.writeHead(failures.status).end("down for a moment");
      } else response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return {
    url,
    received,
    failNext: (times, status = 500) => {
      failures = { times, status };
    },
    waitFor: async (match, count = 1, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.filter(match);
        if (found.length >= count) return found;
        if (Date.now() > deadline) {
          throw new Error(
            `Waited for ${count} webhook requests, got ${found.length}: ${JSON.stringify(received.map((r) => r.json.type ?? r.json))}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const ofType = (type: string) => (r: Received) => r.json.type === type;
