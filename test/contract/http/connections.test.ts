import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { type RawConnection, httpMessage, openConnection } from "../../support/raw-http.ts";

/**
 * Slow and idle clients and connection floods. The server runs with small limits so each case takes a
 * fraction of a second; the defaults (30 s body, 60 s idle, 256 connections) are the same code.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    app: () => ({ connections: { bodyTimeoutMs: 400, idleTimeoutMs: 600, maxConnectionsPerAddress: 4 } }),
  });
});
afterAll(async () => {
  await server.close();
});

/** Writes one byte at a time until the server closes the connection or `bytes` are sent. */
async function trickle(connection: RawConnection, bytes: number, everyMs: number): Promise<number> {
  let sent = 0;
  while (sent < bytes && !connection.isClosed()) {
    connection.write("x");
    sent++;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return sent;
}

describe("timeouts", () => {
  it("end a body that arrives too slowly with Notion's error object", async () => {
    const ws = await server.workspace();
    const connection = await openConnection(server.url);
    const head = httpMessage("POST", "/v1/search", {
      authorization: `Bearer ${ws.token}`,
      "notion-version": "2025-09-03",
      "content-type": "application/json",
      "content-length": "1000",
    });
    connection.write(head);
    // One byte every 50 ms would take 50 s for the declared 1,000; the server gives up first.
    const sent = await trickle(connection, 1000, 50);
    expect(connection.isClosed()).toBe(true);
    expect(sent).toBeLessThan(1000);
    const response = await connection.response();
    expect(response?.status).toBe(400);
    expect(JSON.parse(response?.body ?? "{}")).toMatchObject({
      object: "error",
      code: "invalid_request",
      message: "Request timed out: headers and body must arrive within 0.4 seconds.",
    });
  });

  it("close a connection left silent after a response", async () => {
    const connection = await openConnection(server.url);
    connection.write(httpMessage("GET", "/healthz", {}));
    expect((await connection.response())?.status).toBe(200);
    await Promise.race([connection.closed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    expect(connection.isClosed()).toBe(true);
  });

  it("close a connection that never sends a request", async () => {
    const connection = await openConnection(server.url);
    await Promise.race([connection.closed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    expect(connection.isClosed()).toBe(true);
  });
});

describe("connections per address", () => {
  it("are capped: one more gets Notion's 429 and is closed, and a freed slot is usable again", async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => openConnection(server.url)));
    const refused = await openConnection(server.url);
    const response = await refused.response();
    await refused.closed;
    expect(response?.status).toBe(429);
    expect(response?.headers["retry-after"]).toBe("1");
    expect(JSON.parse(response?.body ?? "{}")).toMatchObject({
      object: "error",
      status: 429,
      code: "rate_limited",
      message: "Too many open connections from this address: the limit is 4.",
    });
    // The held connections still work.
    held[0]?.write(httpMessage("GET", "/healthz", {}));
    expect((await held[0]?.response())?.status).toBe(200);
    // Another local address is another client.
    const other = await openConnection(server.url, "127.0.0.2");
    other.write(httpMessage("GET", "/healthz", {}));
    expect((await other.response())?.status).toBe(200);
    other.socket.destroy();
    // The server closes the held connections once they fall silent, which frees their slots.
    await Promise.all(held.map((c) => c.closed));
    const again = await openConnection(server.url);
    again.write(httpMessage("GET", "/healthz", {}));
    expect((await again.response())?.status).toBe(200);
    again.socket.destroy();
  });
});
