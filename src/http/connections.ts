import { randomUUID } from "node:crypto";
import type { Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { ApiError } from "../errors.ts";
import { errorBody } from "./errors.ts";

/** How long a client may take and how many sockets one address may hold (src/config.ts documents each). */
export interface ConnectionLimits {
  /** Milliseconds a request, headers and body, has to arrive in full. */
  bodyTimeoutMs: number;
  /** Milliseconds a connection may stay silent, during a request or between two. */
  idleTimeoutMs: number;
  /** Open connections one client address may hold at once; 0 means no cap. */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  bodyTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  maxConnectionsPerAddress: 256,
};

/** Node's default `--max-http-header-size`, which also bounds the request line (path and query). */
const MAX_HEADER_KB = 16;

/**
 * A complete HTTP/1.1 response carrying Notion's error object, for the moments when Node itself answers
 * (a malformed request, a header overflow, a timeout, a refused connection) and no Fastify reply exists.
 */
export function rawErrorResponse(error: ApiError, headers: Record<string, string> = {}): string {
  const requestId = randomUUID();
  const body = JSON.stringify(errorBody(error, requestId));
  const lines = [
    `HTTP/1.1 ${error.status} ${error.status === 429 ? "Too Many Requests" : "Bad Request"}`,
    "content-type: application/json; charset=utf-8",
    `content-length: ${Buffer.byteLength(body)}`,
    `x-notion-request-id: ${requestId}`,
    "connection: close",
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}

function clientProblem(code: string, limits: ConnectionLimits): ApiError {
  if (code === "HPE_HEADER_OVERFLOW") {
    return new ApiError(
      "invalid_request",
      `Request line and header fields too large: the limit is ${MAX_HEADER_KB} KB.`,
    );
  }
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
    const seconds = limits.bodyTimeoutMs / 1000;
    return new ApiError(
      "invalid_request",
      `Request timed out: headers and body must arrive within ${seconds} second${seconds === 1 ? "" : "s"}.`,
    );
  }
  return new ApiError("invalid_request", "Malformed HTTP request.");
}

/**
 * Fastify's `clientErrorHandler`: Node's parser and timers fail a request before Fastify sees it, and
 * Fastify's default answer (`{"error":"Bad Request","message":"Client Error"}`) is not Notion's shape.
 */
export function clientErrorHandler(limits: ConnectionLimits) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    // A reset connection has no one left to answer (Node's http docs, event 'clientError').
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    // Node links a socket to the response in progress; once its head is out, nothing else may be written.
    const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (socket.writable && !pending?.headersSent) {
      socket.write(rawErrorResponse(clientProblem(error.code ?? "", limits)));
    }
    socket.destroy(error);
  };
}

/** Fastify's options for the limits: Node's timers, checked often enough for the timeout to be tight. */
export function serverTimeouts(limits: ConnectionLimits) {
  const checkEvery = Math.min(5_000, Math.max(50, Math.floor(limits.bodyTimeoutMs / 4)));
  return {
    requestTimeout: limits.bodyTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.idleTimeoutMs,
    http: {
      requestTimeout: limits.bodyTimeoutMs,
      headersTimeout: limits.bodyTimeoutMs,
      connectionsCheckingInterval: checkEvery,
    },
    clientErrorHandler: clientErrorHandler(limits),
  };
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
function addressOf(socket: Socket): string {
  const address = socket.remoteAddress ?? "";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

/**
 * Caps the open connections of each client address. A connection over the cap gets Notion's 429 at once
 * and is closed before a byte of its request is read, so nothing it sends is ever run; the SDK retries a
 * `rate_limited` answer after `Retry-After`.
 */
export function capConnectionsPerAddress(server: Server, limit: number): void {
  if (limit <= 0) return;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = addressOf(socket);
    const count = open.get(address) ?? 0;
    if (count >= limit) {
      const refusal = new ApiError(
        "rate_limited",
        `Too many open connections from this address: the limit is ${limit}.`,
      );
      socket.write(rawErrorResponse(refusal, { "retry-after": "1" }));
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
