import { randomBytes } from "node:crypto";
import type { JsonObject } from "../domain/validation.ts";
import type { Executor } from "./executor.ts";
import { type FileUploadTable, readJson } from "./schema.ts";

export interface FileUploadRecord {
  id: string;
  workspaceId: string;
  createdBy: string;
  createdByType: FileUploadTable["createdByType"];
  mode: FileUploadTable["mode"];
  status: FileUploadTable["status"];
  filename: string | null;
  contentType: string | null;
  contentLength: number | null;
  numberOfParts: number | null;
  externalUrl: string | null;
  importResult: JsonObject | null;
  expiryTime: string | null;
  attached: boolean;
  createdTime: string;
  lastEditedTime: string;
}

export interface FileUploadPart {
  partNumber: number;
  size: number;
  blobKey: string;
}

function toRecord(row: FileUploadTable): FileUploadRecord {
  return {
    ...row,
    contentLength: row.contentLength === null ? null : Number(row.contentLength),
    numberOfParts: row.numberOfParts === null ? null : Number(row.numberOfParts),
    importResult: readJson<JsonObject>(row.importResult),
    attached: Number(row.attached) === 1,
  };
}

function toRow(record: FileUploadRecord): FileUploadTable {
  return {
    ...record,
    importResult: record.importResult === null ? null : JSON.stringify(record.importResult),
    attached: record.attached ? 1 : 0,
  };
}

export async function insertFileUpload(db: Executor, record: FileUploadRecord): Promise<void> {
  await db.insertInto("fileUploads").values(toRow(record)).execute();
}

export async function findFileUpload(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<FileUploadRecord | undefined> {
  const row = await db
    .selectFrom("fileUploads")
    .selectAll()
    .where("id", "=", id)
    .where("workspaceId", "=", workspaceId)
    .executeTakeFirst();
  return row && toRecord(row);
}

/** Any workspace's upload: the signed file URL route has no token, only the signature. */
export async function findFileUploadById(db: Executor, id: string): Promise<FileUploadRecord | undefined> {
  const row = await db.selectFrom("fileUploads").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toRecord(row);
}

export async function updateFileUpload(
  db: Executor,
  id: string,
  changes: Partial<Omit<FileUploadRecord, "id" | "workspaceId">>,
): Promise<void> {
  const row: Partial<FileUploadTable> = {};
  for (const [key, value] of Object.entries(changes)) {
    (row as Record<string, unknown>)[key] =
      key === "importResult"
        ? value === null
          ? null
          : JSON.stringify(value)
        : key === "attached"
          ? value
            ? 1
            : 0
          : value;
  }
  await db.updateTable("fileUploads").set(row).where("id", "=", id).execute();
}

/** Newest first, as Notion lists them; `after` is the cursor row's `(created_time, id)`. */
export async function listFileUploads(
  db: Executor,
  workspaceId: string,
  options: {
    status?: string | undefined;
    after?: { createdTime: string; id: string } | undefined;
    limit: number;
  },
): Promise<FileUploadRecord[]> {
  let query = db.selectFrom("fileUploads").selectAll().where("workspaceId", "=", workspaceId);
  if (options.status) query = query.where("status", "=", options.status as FileUploadTable["status"]);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb("createdTime", "<", after.createdTime),
        eb.and([eb("createdTime", "=", after.createdTime), eb("id", "<", after.id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy("createdTime", "desc")
    .orderBy("id", "desc")
    .limit(options.limit)
    .execute();
  return rows.map(toRecord);
}

export async function listParts(db: Executor, uploadId: string): Promise<FileUploadPart[]> {
  const rows = await db
    .selectFrom("fileUploadParts")
    .select(["partNumber", "size", "blobKey"])
    .where("uploadId", "=", uploadId)
    .orderBy("partNumber")
    .execute();
  return rows.map((r) => ({ partNumber: Number(r.partNumber), size: Number(r.size), blobKey: r.blobKey }));
}

/** Records a sent part; returns the blob key it replaced (a part sent twice keeps the last). */
export async function putPart(
  db: Executor,
  uploadId: string,
  part: FileUploadPart,
): Promise<string | undefined> {
  const old = await db
    .selectFrom("fileUploadParts")
    .select("blobKey")
    .where("uploadId", "=", uploadId)
    .where("partNumber", "=", part.partNumber)
    .executeTakeFirst();
  if (old) {
    await db
      .updateTable("fileUploadParts")
      .set({ size: part.size, blobKey: part.blobKey })
      .where("uploadId", "=", uploadId)
      .where("partNumber", "=", part.partNumber)
      .execute();
  } else {
    await db
      .insertInto("fileUploadParts")
      .values({ uploadId, ...part })
      .execute();
  }
  return old?.blobKey;
}

/** Marks unattached uploads past their expiry `expired`, drops their parts, and returns their ids. */
export async function expireUploads(
  db: Executor,
  now: string,
): Promise<Pick<FileUploadRecord, "id" | "workspaceId" | "createdBy" | "createdByType">[]> {
  const rows = await db
    .selectFrom("fileUploads")
    .select(["id", "workspaceId", "createdBy", "createdByType"])
    .where("status", "in", ["pending", "uploaded"])
    .where("attached", "=", 0)
    .where("expiryTime", "<", now)
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  await db.deleteFrom("fileUploadParts").where("uploadId", "in", ids).execute();
  await db
    .updateTable("fileUploads")
    .set({ status: "expired", lastEditedTime: now })
    .where("id", "in", ids)
    .execute();
  return rows;
}

/**
 * The key that signs file URLs. Migration 012 creates it; a database restored from elsewhere may lack
 * it, and then the first process to ask makes one (any other racing process reads the same row).
 */
export async function fileUrlSecret(db: Executor): Promise<string> {
  const found = await db
    .selectFrom("fileUrlKeys")
    .select("secret")
    .where("id", "=", "url")
    .executeTakeFirst();
  if (found) return found.secret;
  await db
    .insertInto("fileUrlKeys")
    .values({ id: "url", secret: randomBytes(32).toString("base64url") })
    .onConflict((c) => c.column("id").doNothing())
    .execute();
  const made = await db
    .selectFrom("fileUrlKeys")
    .select("secret")
    .where("id", "=", "url")
    .executeTakeFirstOrThrow();
  return made.secret;
}
