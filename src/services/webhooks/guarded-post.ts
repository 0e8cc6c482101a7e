import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { OutboundError, guardedLookup, isBlockedAddress } from "../net/outbound-fetch.ts";

const EXCERPT_BYTES = 4096;

/**
 * A `fetch` for webhook requests under the same SSRF rule as external file imports: the address each
 * connection uses is checked after DNS resolution (services/net/outbound-fetch.ts), redirects are not
 * followed (a webhook answer is its status), and at most a few KB of the answer are kept for the log.
 */
export const guardedPost: typeof fetch = (input, init = {}) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0 && isBlockedAddress(host)) {
    return Promise.reject(
      new OutboundError(
        "blocked_address",
        `${host} is a loopback, private or link-local address (--allow-private-network).`,
      ),
    );
  }
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const body = typeof init.body === "string" ? init.body : "";
  return new Promise<Response>((resolve, reject) => {
    const req = send(url, {
      method: init.method ?? "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: guardedLookup({ allowPrivateNetwork: false, maxBytes: EXCERPT_BYTES }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < EXCERPT_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => {
        const status = res.statusCode ?? 502;
        // A Response may not carry a body with these statuses (fetch spec, "null body status").
        const empty = status === 204 || status === 205 || status === 304 || status < 200;
        const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES);
        resolve(new Response(empty ? null : text, { status: status < 200 ? 502 : status }));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
};
