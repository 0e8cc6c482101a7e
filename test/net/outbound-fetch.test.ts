import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { BlockList } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  OutboundError,
  type OutboundOptions,
  isBlockedAddress,
  outboundFetch,
} from "../../src/services/net/outbound-fetch.ts";

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/ok") return res.end("fine");
    if (req.url === "/to-metadata") {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    }
    if (req.url === "/to-localhost-name") {
      res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/ok` });
      return res.end();
    }
    if (req.url === "/loop") {
      res.writeHead(302, { location: "/loop" });
      return res.end();
    }
    if (req.url === "/endless") {
      // No Content-Length: the cap must hold while the body streams.
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024);
      const timer = setInterval(() => res.write(chunk), 1);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (req.url === "/silent") return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Lets this test reach its own server on 127.0.0.1 while link-local (metadata) stays refused. */
function linkLocalOnly(): BlockList {
  const list = new BlockList();
  list.addSubnet("169.254.0.0", 16, "ipv4");
  list.addAddress("::1", "ipv6");
  return list;
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    const result = await promise;
    if (result && typeof result === "object" && "body" in result) {
      for await (const _ of (result as { body: AsyncIterable<Buffer> }).body) void _;
    }
    return "ok";
  } catch (error) {
    if (error instanceof OutboundError) return error.reason;
    throw error;
  }
}

const strict: OutboundOptions = { allowPrivateNetwork: false, maxBytes: 1024, allowHttp: true };

describe("the SSRF guard", () => {
  it("refuses loopback, private, link-local and metadata addresses, IPv4-in-IPv6 included", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fe80::1",
      "fd00:ec2::254",
      "::ffff:127.0.0.1",
      "64:ff9b::a9fe:a9fe",
      "::ffff:7f00:1",
      "::ffff:0:a00:1",
    ]) {
      expect([address, isBlockedAddress(address)]).toEqual([address, true]);
    }
    for (const address of ["93.184.216.34", "2606:4700:4700::1111", "8.8.8.8"]) {
      expect([address, isBlockedAddress(address)]).toEqual([address, false]);
    }
  });

  it("refuses a loopback address and a hostname that resolves to one, unless private networks are allowed", async () => {
    const port = (server.address() as AddressInfo).port;
    expect(await reasonOf(outboundFetch(`${base}/ok`, strict))).toBe("blocked_address");
    expect(await reasonOf(outboundFetch(`http://localhost:${port}/ok`, strict))).toBe("blocked_address");
    expect(await reasonOf(outboundFetch(`http://[::ffff:127.0.0.1]:${port}/ok`, strict))).toBe(
      "blocked_address",
    );
    const allowed = await outboundFetch(`http://localhost:${port}/ok`, {
      ...strict,
      allowPrivateNetwork: true,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of allowed.body) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe("fine");
  });

  it("checks every redirect: one to the metadata address is refused before connecting", async () => {
    const options = { ...strict, blockList: linkLocalOnly() };
    expect(await reasonOf(outboundFetch(`${base}/ok`, options))).toBe("ok");
    expect(await reasonOf(outboundFetch(`${base}/to-metadata`, options))).toBe("blocked_address");
  });

  it("bounds redirects, caps the body while it streams, and times out", async () => {
    const open = { ...strict, allowPrivateNetwork: true };
    expect(await reasonOf(outboundFetch(`${base}/loop`, { ...open, maxRedirects: 3 }))).toBe(
      "too_many_redirects",
    );
    expect(await reasonOf(outboundFetch(`${base}/endless`, { ...open, maxBytes: 1024 * 1024 }))).toBe(
      "too_large",
    );
    expect(await reasonOf(outboundFetch(`${base}/silent`, { ...open, timeoutMs: 200 }))).toBe("timeout");
  });

  it("takes only https unless told otherwise, and no credentials in URLs", async () => {
    const https = { allowPrivateNetwork: false, maxBytes: 10 };
    expect(await reasonOf(outboundFetch("http://example.com/x", https))).toBe("invalid_url");
    expect(await reasonOf(outboundFetch("ftp://example.com/x", https))).toBe("invalid_url");
    expect(await reasonOf(outboundFetch("https://user:pw@example.com/x", https))).toBe("invalid_url");
    expect(await reasonOf(outboundFetch("not a url", https))).toBe("invalid_url");
  });
});
