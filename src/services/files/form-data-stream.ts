import { validationError } from "../../errors.ts";

/** One field of a multipart/form-data body (RFC 7578); `body` must be read before the next field. */
export interface FormField {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  body: AsyncIterable<Buffer>;
}

const MAX_HEADER_BYTES = 16 * 1024;

export function truncatedBody() {
  return validationError("The request body ended before the multipart/form-data message was complete.");
}

/** The `boundary` of a multipart/form-data Content-Type, or undefined when the type is another. */
export function formBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Reads a byte stream up to delimiters without holding more than one network chunk plus a delimiter's
 * length in memory: what comes before a delimiter is handed on as it arrives.
 */
class DelimitedReader {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly source: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.source = source[Symbol.asyncIterator]();
  }

  private async nextChunk(): Promise<Buffer> {
    const next = await this.source.next();
    if (next.done) throw truncatedBody();
    return Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
  }

  private async more(): Promise<void> {
    const chunk = await this.nextChunk();
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** Yields the bytes before `delimiter` and consumes the delimiter. */
  async *until(delimiter: Buffer): AsyncGenerator<Buffer> {
    for (;;) {
      const at = this.buffer.indexOf(delimiter);
      if (at !== -1) {
        if (at > 0) yield this.buffer.subarray(0, at);
        this.buffer = this.buffer.subarray(at + delimiter.length);
        return;
      }
      const safe = this.buffer.length - (delimiter.length - 1);
      if (safe > 0) {
        const out = this.buffer.subarray(0, safe);
        this.buffer = this.buffer.subarray(safe);
        yield out;
      }
      // What is held back (shorter than the delimiter) may start one. Rather than copying every
      // network chunk onto it, only the seam is searched: the held bytes and the chunk's first few.
      const held = this.buffer;
      const chunk = await this.nextChunk();
      if (held.length === 0 || chunk.length < delimiter.length) {
        this.buffer = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
        continue;
      }
      const seam = Buffer.concat([held, chunk.subarray(0, delimiter.length - 1)]);
      const inSeam = seam.indexOf(delimiter);
      if (inSeam !== -1) {
        if (inSeam > 0) yield seam.subarray(0, inSeam);
        this.buffer = chunk.subarray(inSeam + delimiter.length - held.length);
        return;
      }
      // No delimiter starts in the held bytes: they are content, and the chunk is searched whole next.
      yield held;
      this.buffer = chunk;
    }
  }

  async collect(delimiter: Buffer, limit: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const part of this.until(delimiter)) {
      size += part.length;
      if (size > limit) throw validationError("A multipart/form-data part has headers that are too long.");
      parts.push(part);
    }
    return Buffer.concat(parts);
  }

  async take(count: number): Promise<Buffer> {
    while (this.buffer.length < count) await this.more();
    const out = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return out;
  }

  /** Reads whatever follows the closing delimiter (an epilogue, ignored) so the request is consumed. */
  async drain(): Promise<void> {
    this.buffer = Buffer.alloc(0);
    for (;;) if ((await this.source.next()).done) return;
  }
}

function headerParam(header: string, name: string): string | undefined {
  const match =
    new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(header) ??
    new RegExp(`;\\s*${name}=([^;\\s]+)`, "i").exec(header);
  return match?.[1]?.replace(/\\(.)/g, "$1");
}

function parseHeaders(raw: Buffer): {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
} {
  const lines = raw.toString("utf8").split("\r\n");
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "content-disposition") disposition = value;
    if (key === "content-type") contentType = value;
  }
  const name =
    disposition && /^form-data\b/i.test(disposition) ? headerParam(disposition, "name") : undefined;
  if (name === undefined)
    throw validationError("A multipart/form-data part has no Content-Disposition name.");
  return { name, filename: disposition ? headerParam(disposition, "filename") : undefined, contentType };
}

/**
 * The fields of a multipart/form-data body, streamed. A body that ends before the closing delimiter
 * throws `truncatedBody()` from whichever read notices, so the caller stores nothing of it.
 */
export async function* formFields(
  source: AsyncIterable<Buffer>,
  boundary: string,
): AsyncGenerator<FormField> {
  const reader = new DelimitedReader(source);
  const dashBoundary = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const headerEnd = Buffer.from("\r\n\r\n");
  // The preamble before the first boundary is ignored (RFC 2046 §5.1.1).
  for await (const _ of reader.until(dashBoundary)) void _;
  for (;;) {
    const after = (await reader.take(2)).toString("latin1");
    if (after === "--") {
      await reader.drain();
      return;
    }
    if (after !== "\r\n") throw validationError("The multipart/form-data body is malformed.");
    const headers = parseHeaders(await reader.collect(headerEnd, MAX_HEADER_BYTES));
    let consumed = false;
    const body = (async function* () {
      yield* reader.until(delimiter);
      consumed = true;
    })();
    yield { ...headers, body };
    if (!consumed) for await (const _ of body) void _;
  }
}

/** A small text field read whole (e.g. `part_number`), refusing anything long. */
export async function readTextField(field: FormField, limit = 1024): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of field.body) {
    size += part.length;
    if (size > limit) throw validationError(`The form field ${field.name} is too long.`);
    parts.push(part);
  }
  return Buffer.concat(parts).toString("utf8");
}
