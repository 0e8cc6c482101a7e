import type { BlobStore } from "./blob-store.ts";
import type { FsBlobStore } from "./fs-blob-store.ts";

/**
 * `--blob-dir`: new blobs go to the directory; a blob the directory lacks was written before the option
 * was chosen and is read from where it was (`<data dir>/files`, or PostgreSQL), so choosing it later
 * loses no file.
 */
export class FallbackBlobStore implements BlobStore {
  constructor(
    private readonly primary: FsBlobStore,
    private readonly older: BlobStore,
  ) {}

  write(...args: Parameters<BlobStore["write"]>): Promise<number> {
    return this.primary.write(...args);
  }

  async *read(key: string, start: number, end: number): AsyncIterable<Buffer> {
    yield* (await this.primary.has(key))
      ? this.primary.read(key, start, end)
      : this.older.read(key, start, end);
  }

  async remove(keys: string[]): Promise<void> {
    await this.primary.remove(keys);
    await this.older.remove(keys);
  }

  async removePrefix(prefix: string): Promise<void> {
    await this.primary.removePrefix(prefix);
    await this.older.removePrefix(prefix);
  }
}
