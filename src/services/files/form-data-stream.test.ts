import { describe, expect, it } from "vitest";
import { formFields, readTextField } from "./form-data-stream.ts";

const BOUNDARY = "seamboundary";

function body(file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="part_number"\r\n\r\n7\r\n`),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** The body cut into chunks of the given sizes, cycling, as a network would hand it over. */
async function* chunked(bytes: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

async function parse(source: AsyncIterable<Buffer>): Promise<{ part: string; file: Buffer }> {
  let part = "";
  let file = Buffer.alloc(0);
  for await (const field of formFields(source, BOUNDARY)) {
    if (field.name === "part_number") part = await readTextField(field);
    else {
      const pieces: Buffer[] = [];
      for await (const piece of field.body) pieces.push(piece);
      file = Buffer.concat(pieces);
    }
  }
  return { part, file };
}

describe("the streamed multipart/form-data parser", () => {
  it("finds every delimiter wherever the chunks split it, and keeps content that looks like one", async () => {
    // Content holding near-delimiters: CRLF, dashes, the boundary without its CRLF.
    const file = Buffer.concat([
      Buffer.from(`\r\n-\r\n--${BOUNDARY.slice(0, 5)}\r\n--X${BOUNDARY}`),
      Buffer.alloc(300, 0x2d),
      Buffer.from(`--${BOUNDARY}\r`),
    ]);
    const whole = body(file);
    for (const sizes of [[1], [2], [3, 17], [5, 40, 1], [16], [23], [64], [1000], [7, 300, 2]]) {
      expect([sizes, await parse(chunked(whole, sizes))]).toEqual([sizes, { part: "7", file }]);
    }
  });

  it("refuses a body that ends before its closing delimiter", async () => {
    const whole = body(Buffer.alloc(100, 1));
    await expect(parse(chunked(whole.subarray(0, whole.length - 10), [9]))).rejects.toThrow(/ended before/);
  });
});
