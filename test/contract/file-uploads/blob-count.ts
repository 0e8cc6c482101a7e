import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import type { Store } from "../../../src/storage/store.ts";

/** How many blobs storage holds (files on SQLite, distinct chunked blobs on PostgreSQL), temp files included. */
export async function storedBlobCount(store: Store): Promise<number> {
  if (store.dialect === "postgres") {
    const { rows } = await sql<{
      n: string;
    }>`select count(distinct blob_key) as n from file_blob_chunks`.execute(store.db);
    return Number(rows[0]?.n ?? 0);
  }
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(store.db);
  try {
    return (await readdir(join(dirname(rows[0]?.file ?? ""), "files"))).length;
  } catch {
    return 0;
  }
}
