import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../store.ts";

/**
 * File uploads (reference/file-upload). An upload's bytes are its parts in `part_number` order (a
 * single-part upload has one part), so completing a multi-part upload copies nothing. Each part names a
 * blob: a file under the data directory on SQLite, chunked rows of `file_blob_chunks` on PostgreSQL,
 * so that every process sharing the database can serve every file (storage/blobs/).
 *
 * `file_url_keys` holds the secret that signs file URLs, in the database so that all processes agree.
 */
export function fileUploadsMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("file_uploads")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id"))
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_by_type", "text", (c) => c.notNull())
        .addColumn("mode", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("filename", "text")
        .addColumn("content_type", "text")
        .addColumn("content_length", "bigint")
        .addColumn("number_of_parts", "integer")
        .addColumn("external_url", "text")
        .addColumn("import_result", "text")
        .addColumn("expiry_time", "text")
        .addColumn("attached", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_time", "text", (c) => c.notNull())
        .addColumn("last_edited_time", "text", (c) => c.notNull())
        .execute();
      await sql`create index file_uploads_list on file_uploads (workspace_id, created_time, id)`.execute(db);
      await sql`create index file_uploads_expiry on file_uploads (status, expiry_time)`.execute(db);
      await db.schema
        .createTable("file_upload_parts")
        .addColumn("upload_id", "text", (c) => c.notNull().references("file_uploads.id").onDelete("cascade"))
        .addColumn("part_number", "integer", (c) => c.notNull())
        .addColumn("size", "bigint", (c) => c.notNull())
        .addColumn("blob_key", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("file_upload_parts_pk", ["upload_id", "part_number"])
        .execute();
      if (dialect === "postgres") {
        await db.schema
          .createTable("file_blob_chunks")
          .addColumn("blob_key", "text", (c) => c.notNull())
          .addColumn("seq", "integer", (c) => c.notNull())
          .addColumn("data", "bytea", (c) => c.notNull())
          .addPrimaryKeyConstraint("file_blob_chunks_pk", ["blob_key", "seq"])
          .execute();
      }
      await db.schema
        .createTable("file_url_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("secret", "text", (c) => c.notNull())
        .execute();
      const secret = randomBytes(32).toString("base64url");
      await sql`insert into file_url_keys (id, secret) values ('url', ${secret})`.execute(db);
    },
  };
}
