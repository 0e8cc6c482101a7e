import { sql } from "kysely";
import type { Store } from "../store.ts";
import { FallbackBlobStore } from "./fallback-blob-store.ts";
import { FsBlobStore } from "./fs-blob-store.ts";
import { PgBlobStore } from "./pg-blob-store.ts";

/**
 * Where the bytes of file uploads live. Blobs are written once, under a fresh key, and never changed:
 * a blob is visible to readers only once a database row names it, so a write cut off half way (or a
 * killed process) leaves at most an unnamed blob, never a corrupt file behind a named one.
 */
export interface BlobStore {
  /**
   * Streams `source` into a new blob named `key` and returns its size. Fails with `tooLarge()` as soon
   * as more than `maxBytes` arrive; on any failure nothing stays stored under `key`.
   */
  write(
    key: string,
    source: AsyncIterable<Buffer> | Iterable<Buffer>,
    maxBytes: number,
    tooLarge: () => Error,
  ): Promise<number>;
  /** The bytes `start` to `end` (inclusive) of a blob, streamed. */
  read(key: string, start: number, end: number): AsyncIterable<Buffer>;
  remove(keys: string[]): Promise<void>;
  /**
   * Removes every blob whose key starts with `prefix` (`<upload id>.`), temporary ones included: what an
   * expired upload held, and what writes cut off by a killed process left behind for it.
   */
  removePrefix(prefix: string): Promise<void>;
}

const stores = new WeakMap<Store, Promise<BlobStore>>();

/**
 * The blob store of a store: files in `store.blobDir` when one is set (`--blob-dir`), else files beside
 * the SQLite file (`<data dir>/files`), or chunked rows in PostgreSQL itself so that any process on the
 * database can serve any file.
 */
export function blobStoreOf(store: Store): Promise<BlobStore> {
  let blobs = stores.get(store);
  if (!blobs) {
    blobs = chosenStore(store);
    stores.set(store, blobs);
  }
  return blobs;
}

async function chosenStore(store: Store): Promise<BlobStore> {
  const usual = store.dialect === "postgres" ? new PgBlobStore(store.db) : await fsStoreOf(store);
  // Files written before --blob-dir was chosen stay where they were and are still served.
  return store.blobDir ? new FallbackBlobStore(new FsBlobStore(store.blobDir), usual) : usual;
}

async function fsStoreOf(store: Store): Promise<BlobStore> {
  // The database names its own file, so the store needs no setting of its own.
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(store.db);
  const file = rows[0]?.file;
  if (!file) throw new Error("The SQLite database has no file, so file uploads have nowhere to go.");
  return new FsBlobStore(file.replace(/[^/\\]+$/, "files"));
}
