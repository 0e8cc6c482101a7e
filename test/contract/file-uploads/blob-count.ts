import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import type { Store } from "../../../src/storage/store.ts";

/**
 * How many blobs storage holds for one upload (files on SQLite, temporary ones included; chunked blobs
 * on PostgreSQL). Counted per upload, as other test files share the PostgreSQL database.
 */
export async function storedBlobCount(store: Store, uploadId: string): Promise<number> {
  if (store.dialect === "postgres") {
    const { rows } = await sql<{ n: string }>`
      select count(distinct blob_key) as n from file_blob_chunks where blob_key like ${`${uploadId}.%`}`.execute(
      store.db,
    );
    return Number(rows[0]?.n ?? 0);
  }
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(store.db);
  try {
    const names = await readdir(join(dirname(rows[0]?.file ?? ""), "files"));
    return names.filter((n) => n.startsWith(`${uploadId}.`) || n.startsWith(`.tmp-${uploadId}.`)).length;
  } catch {
    return 0;
  }
}
