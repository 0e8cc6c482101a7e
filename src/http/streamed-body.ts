import type { IncomingMessage } from "node:http";

/**
 * Past this many bytes left unread, a refused body is not worth reading to the end: the connection is
 * closed instead (a part is at most 20 MiB, so an SDK's refused part is always read through).
 */
const MAX_DISCARD_BYTES = 32 * 1024 * 1024;

/**
 * A request body that its handler streams itself (file upload sends, the web UI's file form).
 *
 * Why `discardRest`: a handler that refuses a body part way through (too large, a bad part, a failed
 * CSRF check) stops reading it, and Node reads away only bodies nobody started to read (`req._dump()`
 * in `_http_server.js` runs when `req._consuming` is false). The rest of the body then stays in the
 * socket, the paused request holds back the next one on that keep-alive connection, and the connection
 * stays busy until the body timeout: the client's next request on it hangs, and `server.close()`
 * waits on it. So the rest is read and dropped once the answer is decided, and the connection is
 * reused as HTTP/1.1 expects (closing it with bytes unread would reset it, and could lose the answer).
 */
export class StreamedBody implements AsyncIterable<Buffer> {
  private iterator: AsyncIterator<Buffer> | undefined;

  constructor(private readonly raw: IncomingMessage) {}

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    this.iterator ??= (this.raw as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    return this.iterator;
  }

  /** Reads and drops whatever the handler left unread, in the background. */
  discardRest(): void {
    if (this.raw.readableEnded || this.raw.destroyed) return;
    // Never iterated: Node's own resume() drops it (no `readable` listener holds the stream paused).
    if (!this.iterator) return void this.raw.resume();
    void drain(this.iterator, this.raw).catch(() => undefined);
  }
}

async function drain(iterator: AsyncIterator<Buffer>, raw: IncomingMessage): Promise<void> {
  let dropped = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    dropped += next.value.length;
    if (dropped > MAX_DISCARD_BYTES) {
      raw.socket.destroy();
      return;
    }
  }
}

/** Runs `use` on the request's body, then drops what it left unread, whether it succeeded or threw. */
export async function withStreamedBody<T>(
  raw: IncomingMessage,
  use: (body: StreamedBody) => Promise<T>,
): Promise<T> {
  const body = new StreamedBody(raw);
  try {
    return await use(body);
  } finally {
    body.discardRest();
  }
}
