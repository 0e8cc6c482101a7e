import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import type { BlobStore } from "./blob-store.ts";

/** How much one write hands the disk (see `write`). */
const WRITE_BATCH_BYTES = 1024 * 1024;
/** Read size for downloads: large enough that a 100 MB file is a hundred socket writes, not thousands. */
const READ_CHUNK_BYTES = 1024 * 1024;

/** Keys are chosen by Quire (ids and numbers), never by callers; this keeps them to one path segment. */
const SAFE_KEY = /^[A-Za-z0-9._-]+$/;

/**
 * Blobs as files in one directory. A blob is written to a temporary name, fsync'd, renamed into place
 * and the directory fsync'd (the POSIX recipe for an atomic, durable file), so a reader sees the whole
 * file or none of it, even after a crash.
 */
export class FsBlobStore implements BlobStore {
  private ready: Promise<unknown> | undefined;

  constructor(private readonly dir: string) {}

  private pathOf(key: string): string {
    if (!SAFE_KEY.test(key)) throw new Error(`Invalid blob key: ${key}`);
    return join(this.dir, key);
  }

  async write(
    key: string,
    source: AsyncIterable<Buffer> | Iterable<Buffer>,
    maxBytes: number,
    tooLarge: () => Error,
  ) {
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    const target = this.pathOf(key);
    // Named after the blob, so what an interrupted write left is recognisable.
    const temp = join(this.dir, `.tmp-${key}-${randomUUID()}`);
    const file = await open(temp, "wx");
    let size = 0;
    // Network chunks (about 64 KiB) are gathered into one writev of WRITE_BATCH_BYTES, and that write
    // runs while the next batch arrives: one await per MiB instead of one per chunk, and no copy.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    let writing: Promise<unknown> = Promise.resolve();
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge();
        batch.push(chunk);
        batchBytes += chunk.length;
        if (batchBytes >= WRITE_BATCH_BYTES) {
          await writing;
          writing = file.writev(batch);
          batch = [];
          batchBytes = 0;
        }
      }
      await writing;
      if (batch.length > 0) await file.writev(batch);
      await file.sync();
    } catch (error) {
      await writing.catch(() => undefined);
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    await rename(temp, target);
    await this.syncDir();
    return size;
  }

  private async syncDir(): Promise<void> {
    const dir = await open(this.dir, "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** Whether the blob is here (the fallback store asks before reading elsewhere). */
  async has(key: string): Promise<boolean> {
    return (await stat(this.pathOf(key)).catch(() => undefined)) !== undefined;
  }

  read(key: string, start: number, end: number): AsyncIterable<Buffer> {
    return createReadStream(this.pathOf(key), { start, end, highWaterMark: READ_CHUNK_BYTES });
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) await rm(this.pathOf(key), { force: true });
  }

  async removePrefix(prefix: string): Promise<void> {
    if (!SAFE_KEY.test(prefix)) throw new Error(`Invalid blob key prefix: ${prefix}`);
    const names = await readdir(this.dir).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(prefix) || n.startsWith(`.tmp-${prefix}`))) {
      await rm(join(this.dir, name), { force: true });
    }
  }
}
