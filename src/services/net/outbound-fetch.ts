import { lookup as dnsLookup } from "node:dns";
import { type IncomingMessage, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Outbound HTTP for anything a caller can point Quire at (external_url imports now, webhooks later),
 * guarded against server-side request forgery: the address each connection actually uses is checked
 * after DNS resolution (so a hostname resolving to 127.0.0.1, or re-resolving differently between a
 * check and the connection, gets nowhere), every redirect is checked again, redirects are bounded, the
 * body is capped while it streams, and the whole exchange has a deadline.
 */
export interface OutboundOptions {
  /**
   * Lifts the address rule (`quire serve --allow-private-network`, tests, local development), except for
   * `ALWAYS_REFUSED` (link-local and cloud metadata), which nothing lifts.
   */
  allowPrivateNetwork: boolean;
  /**
   * Private ranges allowed even though `allowPrivateNetwork` is off (`quire serve --allow-network`):
   * an internal host meant to be reached, while the rest of the private network stays refused.
   */
  allowedNetworks?: BlockList;
  /** The addresses refused; `PRIVATE_NETWORKS` unless given (tests narrow it). */
  blockList?: BlockList;
  maxRedirects?: number;
  timeoutMs?: number;
  /** The body may hold at most this many bytes. */
  maxBytes: number;
  /** Also allow plain `http:` (otherwise only `https:`). */
  allowHttp?: boolean;
}

export type OutboundFailure =
  "invalid_url" | "blocked_address" | "too_many_redirects" | "too_large" | "timeout" | "network_error";

export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundFailure,
    message: string,
    readonly statusCode: number | null = null,
  ) {
    super(message);
  }
}

export interface OutboundResponse {
  status: number;
  url: string;
  headers: IncomingMessage["headers"];
  /** The body, capped at `maxBytes` (the iteration throws `too_large` past it). */
  body: AsyncIterable<Buffer>;
}

/** Loopback, private (RFC 1918, RFC 4193), link-local (cloud metadata at 169.254.169.254 and fd00:ec2::254), CGNAT, multicast and reserved ranges. */
export const PRIVATE_NETWORKS = (() => {
  const list = new BlockList();
  for (const [net, prefix] of [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.0.2.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["198.51.100.0", 24],
    ["203.0.113.0", 24],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
  ] as const) {
    list.addSubnet(net, prefix, "ipv4");
  }
  for (const [net, prefix] of [
    ["::", 127],
    ["fc00::", 7],
    ["fe80::", 10],
    ["ff00::", 8],
    ["2001:db8::", 32],
  ] as const) {
    list.addSubnet(net, prefix, "ipv6");
  }
  return list;
})();

/**
 * Refused whatever is allowed: IPv4 and IPv6 link-local, where clouds serve instance metadata and
 * credentials (169.254.169.254; AWS's fd00:ec2::254). Nothing a developer imports from or posts
 * webhooks to lives there, and a redirect there from an allowed local server is the classic SSRF.
 */
export const ALWAYS_REFUSED = (() => {
  const list = new BlockList();
  list.addSubnet("169.254.0.0", 16, "ipv4");
  list.addSubnet("fe80::", 10, "ipv6");
  list.addAddress("fd00:ec2::254", "ipv6");
  return list;
})();

/** A BlockList of CIDR ranges (`10.1.0.0/16,127.0.0.1`); throws naming the first that is not one. */
export function networkList(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address = "", prefixText] = range.trim().split("/");
    const family = isIP(address);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new Error(`Invalid network range: ${range} (expected an address or address/prefix)`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return list;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 counts as two). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const middle = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...middle, ...right].map((g) => parseInt(g, 16));
}

/**
 * An IPv6 address that carries an IPv4 one (mapped `::ffff:0:0/96`, translated `::ffff:0:0:0/96`, NAT64
 * `64:ff9b::/96`) is judged by
 * the IPv4 address, whichever way it is written.
 */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const translated = g.slice(0, 4).every((x) => x === 0) && g[4] === 0xffff && g[5] === 0;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !translated && !nat64) return undefined;
  const [high = 0, low = 0] = g.slice(6);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Whether `list` holds the address (an IPv4 address inside an IPv6 one judged as the IPv4 one). */
function listed(address: string, list: BlockList): boolean {
  const family = isIP(address);
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== undefined) return list.check(v4, "ipv4");
    return list.check(address, "ipv6");
  }
  return family === 4 && list.check(address, "ipv4");
}

export function isBlockedAddress(address: string, list: BlockList = PRIVATE_NETWORKS): boolean {
  return isIP(address) === 0 || listed(address, list);
}

/** The address rule with what the options lift: metadata never, private ranges when allowed. */
function refused(address: string, options: OutboundOptions): boolean {
  if (isBlockedAddress(address, ALWAYS_REFUSED)) return true;
  if (options.allowPrivateNetwork) return false;
  if (options.allowedNetworks && listed(address, options.allowedNetworks)) return false;
  return isBlockedAddress(address, options.blockList);
}

/** A DNS lookup for the socket that refuses blocked addresses, so the checked address is the one used. */
export function guardedLookup(options: OutboundOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = Array.isArray(addresses) ? addresses : [];
      const allowed = list.filter((a) => !refused(a.address, options));
      if (list.length > 0 && allowed.length === 0) {
        return callback(blocked(hostname), "", 0);
      }
      if (lookupOptions.all) return callback(null, allowed);
      const first = allowed[0];
      if (!first) return callback(new OutboundError("network_error", `${hostname} did not resolve.`), "", 0);
      callback(null, first.address, first.family);
    });
  };
}

function blocked(host: string): OutboundError {
  return new OutboundError(
    "blocked_address",
    `${host} is a loopback, private, link-local or otherwise internal address, which Quire does not fetch.`,
  );
}

function checkUrl(text: string, options: OutboundOptions): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundError("invalid_url", "The URL is not a valid URL.");
  }
  const http =
    url.protocol === "http:" &&
    (options.allowHttp === true || options.allowPrivateNetwork || options.allowedNetworks !== undefined);
  if (url.protocol !== "https:" && !http) throw new OutboundError("invalid_url", "The URL must use https.");
  if (url.username || url.password)
    throw new OutboundError("invalid_url", "The URL must not carry credentials.");
  // An IP literal is connected to without a lookup, so it is judged here.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0 && refused(host, options)) throw blocked(host);
  return url;
}

/** Only resolves the hostname and applies the address rule: for refusing a URL before accepting work. */
export async function checkOutboundUrl(text: string, options: OutboundOptions): Promise<void> {
  const url = checkUrl(text, options);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // Under --allow-private-network a name is judged only at connection time (metadata stays refused there).
  if (isIP(host) !== 0 || options.allowPrivateNetwork) return;
  await new Promise<void>((resolve, reject) => {
    guardedLookup(options)(host, { all: true }, (error) => (error ? reject(error) : resolve()));
  });
}

function once(url: URL, options: OutboundOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: "GET",
      lookup: guardedLookup(options),
      signal,
      headers: { "user-agent": "Quire" },
    });
    req.on("response", resolve);
    req.on("error", reject);
    req.end();
  });
}

async function* capped(response: IncomingMessage, maxBytes: number): AsyncIterable<Buffer> {
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      response.destroy();
      throw new OutboundError("too_large", `The file is larger than ${maxBytes} bytes.`);
    }
    yield chunk;
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GET `text` under the guard; the caller must read or abandon `body` (the deadline covers it too). */
export async function outboundFetch(text: string, options: OutboundOptions): Promise<OutboundResponse> {
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  timer.unref();
  const fail = (error: unknown): never => {
    clearTimeout(timer);
    if (error instanceof OutboundError) throw error;
    if (controller.signal.aborted) throw new OutboundError("timeout", `No answer within ${timeoutMs} ms.`);
    throw new OutboundError("network_error", error instanceof Error ? error.message : String(error));
  };
  let url = checkUrl(text, options);
  for (let redirects = 0; ; redirects++) {
    const response = await once(url, options, controller.signal).catch(fail);
    const location = response.headers.location;
    if (REDIRECTS.has(response.statusCode ?? 0) && location) {
      response.resume();
      if (redirects >= (options.maxRedirects ?? 5)) {
        fail(new OutboundError("too_many_redirects", "The URL redirects too many times."));
      }
      try {
        url = checkUrl(new URL(location, url).toString(), options);
      } catch (error) {
        fail(error);
      }
      continue;
    }
    const length = Number(response.headers["content-length"]);
    if (Number.isFinite(length) && length > options.maxBytes) {
      response.destroy();
      fail(new OutboundError("too_large", `The file is larger than ${options.maxBytes} bytes.`));
    }
    const body = (async function* () {
      try {
        yield* capped(response, options.maxBytes);
      } catch (error) {
        fail(error);
      } finally {
        clearTimeout(timer);
      }
    })();
    return { status: response.statusCode ?? 0, url: url.toString(), headers: response.headers, body };
  }
}
