import { type Kysely, sql } from "kysely";
import type { Schema } from "../schema.ts";
import type { BlobStore } from "./blob-store.ts";

/** Every chunk but a blob's last holds exactly this much, so a byte offset names its chunk. */
const CHUNK_BYTES = 1024 * 1024;
/** Chunks fetched per query while streaming out: 4 MiB in memory at most. */
const CHUNKS_PER_READ = 4;

/**
 * Blobs as 1 MiB `bytea` rows of `file_blob_chunks`. Chunks are written outside any transaction as
 * they arrive (memory stays at one chunk); the blob is used only once a part row names it, which
 * happens after the last chunk is in, so a cut-off write leaves unnamed chunks that `remove` clears.
 */
export class PgBlobStore implements BlobStore {
  constructor(private readonly db: Kysely<Schema>) {}

  async write(
    key: string,
    source: AsyncIterable<Buffer> | Iterable<Buffer>,
    maxBytes: number,
    tooLarge: () => Error,
  ) {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let seq = 0;
    let size = 0;
    const flush = async (bytes: number) => {
      const all = Buffer.concat(pending, pendingBytes);
      await this.db
        .insertInto("fileBlobChunks")
        .values({ blobKey: key, seq, data: all.subarray(0, bytes) })
        .execute();
      seq += 1;
      const rest = all.subarray(bytes);
      pending = rest.length > 0 ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
    };
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge();
        pending.push(chunk);
        pendingBytes += chunk.length;
        while (pendingBytes >= CHUNK_BYTES) await flush(CHUNK_BYTES);
      }
      if (pendingBytes > 0 || seq === 0) await flush(pendingBytes);
    } catch (error) {
      await this.remove([key]);
      throw error;
    }
    return size;
  }

  async *read(key: string, start: number, end: number): AsyncIterable<Buffer> {
    const last = Math.floor(end / CHUNK_BYTES);
    for (let seq = Math.floor(start / CHUNK_BYTES); seq <= last; seq += CHUNKS_PER_READ) {
      const { rows } = await sql<{ seq: number; data: Buffer }>`
        select seq, data from file_blob_chunks
        where blob_key = ${key} and seq >= ${seq} and seq <= ${Math.min(last, seq + CHUNKS_PER_READ - 1)}
        order by seq`.execute(this.db);
      for (const row of rows) {
        const offset = row.seq * CHUNK_BYTES;
        const from = Math.max(start - offset, 0);
        const to = Math.min(end - offset + 1, row.data.length);
        yield row.data.subarray(from, to);
      }
    }
  }

  async removePrefix(prefix: string): Promise<void> {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    await sql`delete from file_blob_chunks where blob_key like ${pattern}`.execute(this.db);
  }

  async remove(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom("fileBlobChunks").where("blobKey", "in", keys).execute();
  }
}
