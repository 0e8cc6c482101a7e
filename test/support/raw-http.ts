import { connect, type Socket } from "node:net";

/** Raw HTTP/1.1 over a socket, for requests `fetch` can't send (invalid UTF-8, malformed HTTP, slow bodies). */

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** True when the server closed the connection (the response, if any, is what arrived before). */
  closed: boolean;
}

function parse(data: Buffer, closed: boolean): RawResponse | null {
  const text = data.toString("utf8");
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) return null;
  const [statusLine = "", ...lines] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = text.slice(end + 4);
  const length = Number(headers["content-length"] ?? Number.NaN);
  if (!closed && (Number.isNaN(length) || Buffer.byteLength(body) < length)) return null;
  return { status: Number(statusLine.split(" ")[1]), headers, body, closed };
}

/** An open connection to `url`'s host; `response()` resolves with the first complete response or the close. */
export interface RawConnection {
  socket: Socket;
  write(data: string | Buffer): void;
  /** The first response, or `null` if the server closed the connection without one. */
  response(): Promise<RawResponse | null>;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
}

export async function openConnection(url: string, localAddress?: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port), ...(localAddress ? { localAddress } : {}) });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  let data = Buffer.alloc(0);
  let closed = false;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  socket.on("data", (chunk: Buffer) => {
    data = Buffer.concat([data, chunk]);
    wake();
  });
  // A reset after the server's answer is still an answer: keep what arrived.
  socket.on("error", () => {});
  const closedPromise = new Promise<void>((resolve) =>
    socket.once("close", () => {
      closed = true;
      wake();
      resolve();
    }),
  );
  return {
    socket,
    write: (chunk) => {
      if (!socket.destroyed) socket.write(chunk);
    },
    response: async () => {
      for (;;) {
        const parsed = parse(data, closed);
        if (parsed) return parsed;
        if (closed) return null;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    closed: closedPromise,
    isClosed: () => closed,
  };
}

/** Sends `request` (a whole HTTP/1.1 message) and returns the response. */
export async function rawRequest(url: string, request: string | Buffer): Promise<RawResponse> {
  const connection = await openConnection(url);
  connection.write(request);
  const response = await connection.response();
  connection.socket.destroy();
  if (!response) throw new Error("the server closed the connection without answering");
  return response;
}

/** A request message with a body; `Content-Length` is the body's byte length unless given. */
export function httpMessage(
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | Buffer = "",
): Buffer {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  const all = { host: "quire.test", "content-length": String(bytes.length), ...headers };
  const head = [`${method} ${path} HTTP/1.1`, ...Object.entries(all).map(([k, v]) => `${k}: ${v}`)];
  return Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`), bytes]);
}
