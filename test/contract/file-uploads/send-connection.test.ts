import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const MIB = 1024 * 1024;

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** One request over `agent`, the whole body written whatever the server answers first. */
function send(
  agent: Agent,
  method: string,
  path: string,
  token: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, {
      agent,
      method,
      headers: { authorization: `Bearer ${token}`, "notion-version": "2025-09-03", ...headers },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.end(body);
  });
}

function form(boundary: string, size: number): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    ),
    Buffer.alloc(size, 97),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

describe("a send refused part way through its body", () => {
  // Refused after 20 MiB of a 24 MiB body: without the rest being read away, the keep-alive
  // connection stays mid-request and the next request on it is never answered.
  it("leaves the connection usable for the next request", async () => {
    const ws = await server.workspace();
    const { id } = await ws.client().fileUploads.create({ filename: "big.txt" });
    // One socket, kept alive: the second request can only be answered on the connection the first used.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const boundary = "connectionboundary";
      const refused = await send(
        agent,
        "POST",
        `/v1/file_uploads/${id}/send`,
        ws.token,
        {
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
        form(boundary, 24 * MIB),
      );
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body)).toMatchObject({ code: "validation_error", message: /larger than/ });
      const next = await send(agent, "GET", "/v1/users/me", ws.token, {});
      expect(next.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});
