import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { OutboundError, guardedLookup, isBlockedAddress } from "../net/outbound-fetch.ts";

const EXCERPT_BYTES = 4096;

// Kept-alive connections: a subscription's events go out one after another to the same endpoint.
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * A `fetch` for webhook requests on node:http (a fraction of the CPU of the global fetch per request,
 * which matters at hundreds of events a second). `guarded` applies the SSRF rule of external file
 * imports: the address each connection uses is checked after DNS resolution
 * (services/net/outbound-fetch.ts). Redirects are not followed (a webhook answer is its status), and
 * at most a few KB of the answer are kept for the log.
 */
export function webhookPost(guarded: boolean): typeof fetch {
  return (input, init = {}) => post(guarded, input, init);
}

/** Webhook requests under the SSRF rule (the default unless `--allow-private-network`). */
export const guardedPost = webhookPost(true);

function post(guarded: boolean, input: Parameters<typeof fetch>[0], init: RequestInit): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (guarded && isIP(host) !== 0 && isBlockedAddress(host)) {
    return Promise.reject(
      new OutboundError(
        "blocked_address",
        `${host} is a loopback, private or link-local address (--allow-private-network).`,
      ),
    );
  }
  const https = url.protocol === "https:";
  const send = https ? httpsRequest : httpRequest;
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const body = typeof init.body === "string" ? init.body : "";
  return new Promise<Response>((resolve, reject) => {
    const req = send(url, {
      method: init.method ?? "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      agent: https ? agents.https : agents.http,
      ...(guarded ? { lookup: guardedLookup({ allowPrivateNetwork: false, maxBytes: EXCERPT_BYTES }) } : {}),
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
      // Cut off before the end (a timeout, a reset): fails unless it already resolved.
      res.on("close", () => reject(new Error("The connection closed before the answer ended.")));
    });
    req.on("error", reject);
    req.end(body);
  });
}
