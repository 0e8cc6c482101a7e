import { randomUUID } from "node:crypto";
import { newId } from "../../domain/ids.ts";
import { ApiError, validationError } from "../../errors.ts";
import { blobStoreOf } from "../../storage/blobs/blob-store.ts";
import {
  type FileUploadRecord,
  findFileUpload,
  insertFileUpload,
  listFileUploads,
  listParts,
  putPart,
  updateFileUpload,
} from "../../storage/file-upload-repo.ts";
import type { Viewer } from "../access/viewer.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { type Page, invalidCursor } from "../pagination.ts";
import { recordUploadEvent } from "../webhooks/upload-events.ts";
import { sweepExpiredUploads } from "./cleanup.ts";
import { checkImportUrl, startImport } from "./external-import.ts";
import { checkFileType, typeForSend } from "./file-type-rules.ts";
import { formBoundary, formFields, readTextField, truncatedBody } from "./form-data-stream.ts";
import {
  PART_MAX_BYTES,
  PART_MIN_BYTES,
  SINGLE_PART_MAX_BYTES,
  UPLOAD_EXPIRY_MS,
  workspaceFileMaxBytes,
} from "./limits.ts";

/** `POST /v1/file_uploads` (built by routes/file-uploads/schema.ts). */
export interface CreateUploadRequest {
  mode: FileUploadRecord["mode"];
  filename: string | undefined;
  contentType: string | undefined;
  numberOfParts: number | undefined;
  externalUrl: string | undefined;
}

/** An upload with the number of parts sent so far, as retrieve/list/send show it. */
export interface FileUploadView {
  upload: FileUploadRecord;
  partsSent: number;
}

export function uploadNotFound(id: string): ApiError {
  return new ApiError("object_not_found", `Could not find file_upload with ID: ${id}.`);
}

/** An unattached upload past its expiry is expired whether or not the cleanup has run yet. */
function current(upload: FileUploadRecord, now: string): FileUploadRecord {
  const lapsed = !upload.attached && upload.expiryTime !== null && upload.expiryTime <= now;
  return lapsed && (upload.status === "pending" || upload.status === "uploaded")
    ? { ...upload, status: "expired" }
    : upload;
}

export async function createUpload(
  ctx: ServiceContext,
  viewer: Viewer,
  request: CreateUploadRequest,
): Promise<FileUploadView> {
  const contentType = checkFileType(request.mode, request.filename, request.contentType);
  if (request.externalUrl !== undefined) await checkImportUrl(ctx, request.externalUrl);
  const now = nowIso(ctx);
  const upload: FileUploadRecord = {
    id: newId(),
    workspaceId: viewer.workspaceId,
    createdBy: viewer.userId,
    createdByType: viewer.integration ? "bot" : "person",
    mode: request.mode,
    status: "pending",
    filename: request.filename ?? null,
    contentType: contentType ?? null,
    contentLength: null,
    numberOfParts: request.mode === "multi_part" ? (request.numberOfParts ?? null) : null,
    externalUrl: request.externalUrl ?? null,
    importResult: null,
    expiryTime: new Date(Date.parse(now) + UPLOAD_EXPIRY_MS).toISOString(),
    attached: false,
    createdTime: now,
    lastEditedTime: now,
  };
  await ctx.store.transaction(async (trx) => {
    await insertFileUpload(trx, upload);
    await recordUploadEvent(trx, ctx, upload, "file_upload.created");
  });
  await sweepExpiredUploads(ctx);
  if (upload.mode === "external_url") startImport(ctx, upload);
  return { upload, partsSent: 0 };
}

export async function getUpload(ctx: ServiceContext, viewer: Viewer, id: string): Promise<FileUploadView> {
  const upload = await findFileUpload(ctx.store.db, viewer.workspaceId, id);
  if (!upload) throw uploadNotFound(id);
  const parts = upload.mode === "multi_part" ? await listParts(ctx.store.db, id) : [];
  return { upload: current(upload, nowIso(ctx)), partsSent: parts.length };
}

export interface ListUploadsRequest {
  status: FileUploadRecord["status"] | undefined;
  startCursor: string | undefined;
  pageSize: number;
}

function cursorOf(upload: FileUploadRecord): string {
  return Buffer.from(`${upload.createdTime}|${upload.id}`).toString("base64url");
}

function readCursor(cursor: string): { createdTime: string; id: string } {
  const [createdTime, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!createdTime || !id) throw invalidCursor(cursor);
  return { createdTime, id };
}

export async function listUploads(
  ctx: ServiceContext,
  viewer: Viewer,
  request: ListUploadsRequest,
): Promise<Page<FileUploadView>> {
  const now = nowIso(ctx);
  const after = request.startCursor === undefined ? undefined : readCursor(request.startCursor);
  const out: FileUploadView[] = [];
  let next: string | null = null;
  // Status is filtered here, after expiry is applied, so `status=expired` finds lapsed uploads too.
  for (let from = after; ;) {
    const rows = await listFileUploads(ctx.store.db, viewer.workspaceId, { after: from, limit: 200 });
    for (const row of rows) {
      const upload = current(row, now);
      if (request.status && upload.status !== request.status) continue;
      if (out.length === request.pageSize) {
        next = cursorOfBefore(out);
        break;
      }
      const parts = upload.mode === "multi_part" ? (await listParts(ctx.store.db, upload.id)).length : 0;
      out.push({ upload, partsSent: parts });
    }
    const last = rows[rows.length - 1];
    if (next !== null || rows.length < 200 || !last) break;
    from = { createdTime: last.createdTime, id: last.id };
  }
  return { results: out, nextCursor: next };
}

/** The cursor resumes after the last result shown. */
function cursorOfBefore(out: FileUploadView[]): string {
  const last = out[out.length - 1];
  if (!last) throw new Error("no results");
  return cursorOf(last.upload);
}

function notPending(upload: FileUploadRecord): ApiError {
  return validationError(
    `File upload ${upload.id} is in status \`${upload.status}\`; it must be \`pending\` to send or complete it.`,
  );
}

function assertSendable(upload: FileUploadRecord): void {
  if (upload.mode === "external_url") {
    throw validationError(
      `File upload ${upload.id} was created with mode \`external_url\`; it cannot be sent.`,
    );
  }
  if (upload.status !== "pending") throw notPending(upload);
}

/**
 * `POST /v1/file_uploads/{id}/send`: streams the `file` field to the blob store. The upload changes only
 * once the whole body has arrived and passed every check; until then the blob has no row naming it,
 * and it is removed on any failure.
 */
export async function sendUpload(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  contentTypeHeader: string | undefined,
  body: AsyncIterable<Buffer>,
): Promise<FileUploadView> {
  const db = ctx.store.db;
  const found = await findFileUpload(db, viewer.workspaceId, id);
  if (!found) throw uploadNotFound(id);
  const upload = current(found, nowIso(ctx));
  assertSendable(upload);
  const boundary = formBoundary(contentTypeHeader);
  if (!boundary) {
    throw validationError(
      "The request to send a file upload must have the Content-Type `multipart/form-data` with a boundary.",
    );
  }
  const single = upload.mode === "single_part";
  const max = Math.min(single ? SINGLE_PART_MAX_BYTES : PART_MAX_BYTES, workspaceFileMaxBytes());
  const tooLarge = () =>
    validationError(
      single
        ? `The file is larger than the ${SINGLE_PART_MAX_BYTES} bytes a single_part upload may hold; use mode \`multi_part\`.`
        : `A part may hold at most ${PART_MAX_BYTES} bytes.`,
    );
  const blobs = await blobStoreOf(ctx.store);
  const blobKey = `${id}.${randomUUID()}`;
  let file: { size: number; filename: string | undefined; contentType: string | undefined } | undefined;
  let partText: string | undefined;
  let replaced: string | undefined;
  try {
    for await (const field of formFields(body, boundary)) {
      if (field.name === "file") {
        if (file) throw validationError("The request has more than one `file` field.");
        const size = await blobs.write(blobKey, field.body, max, tooLarge);
        file = { size, filename: field.filename, contentType: field.contentType };
      } else if (field.name === "part_number") {
        partText = await readTextField(field);
      } else {
        for await (const _ of field.body) void _;
      }
    }
    if (!file) {
      throw validationError("body failed validation: body.file should be defined, instead was `undefined`.");
    }
    const partNumber = single ? 1 : parsePartNumber(partText, upload.numberOfParts ?? 0);
    if (!single && partNumber < (upload.numberOfParts ?? 0) && file.size < PART_MIN_BYTES) {
      throw validationError(
        `Part ${partNumber} holds ${file.size} bytes; every part but the last must hold at least ${PART_MIN_BYTES} bytes.`,
      );
    }
    const contentType = typeForSend(upload, file.filename, file.contentType);
    const stored = file;
    replaced = await ctx.store.transaction(async (trx) => {
      const fresh = await findFileUpload(trx, viewer.workspaceId, id);
      if (!fresh) throw uploadNotFound(id);
      assertSendable(current(fresh, nowIso(ctx)));
      const old = await putPart(trx, id, { partNumber, size: stored.size, blobKey });
      await updateFileUpload(trx, id, {
        lastEditedTime: nowIso(ctx),
        contentType,
        filename: fresh.filename ?? stored.filename ?? null,
        ...(single ? { status: "uploaded", contentLength: stored.size } : {}),
      });
      if (single) await recordUploadEvent(trx, ctx, fresh, "file_upload.completed");
      return old;
    });
  } catch (error) {
    await blobs.remove([blobKey]);
    throw error instanceof Error && error.message === "aborted" ? truncatedBody() : error;
  }
  // A part sent again replaces the earlier one, whose blob no row names any more.
  if (replaced) await blobs.remove([replaced]);
  return getUpload(ctx, viewer, id);
}

function parsePartNumber(text: string | undefined, total: number): number {
  if (text === undefined) {
    throw validationError(
      "body failed validation: body.part_number should be defined, instead was `undefined`.",
    );
  }
  const value = /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > total) {
    throw validationError(
      `body failed validation: body.part_number should be an integer from 1 to ${total}, instead was \`${JSON.stringify(text)}\`.`,
    );
  }
  return value;
}

/** `POST /v1/file_uploads/{id}/complete`: a multi_part upload with every part sent becomes `uploaded`. */
export async function completeUpload(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
): Promise<FileUploadView> {
  await ctx.store.transaction(async (trx) => {
    const found = await findFileUpload(trx, viewer.workspaceId, id);
    if (!found) throw uploadNotFound(id);
    const upload = current(found, nowIso(ctx));
    if (upload.mode !== "multi_part") {
      throw validationError(
        `File upload ${id} was created with mode \`${upload.mode}\`; only multi_part uploads are completed.`,
      );
    }
    if (upload.status !== "pending") throw notPending(upload);
    const parts = await listParts(trx, id);
    const total = upload.numberOfParts ?? 0;
    if (parts.length !== total) {
      throw validationError(`Expected ${total} parts, but ${parts.length} have been sent.`);
    }
    const size = parts.reduce((sum, p) => sum + p.size, 0);
    if (size > workspaceFileMaxBytes()) {
      throw validationError(
        `The file is larger than the workspace's limit of ${workspaceFileMaxBytes()} bytes.`,
      );
    }
    await updateFileUpload(trx, id, { status: "uploaded", contentLength: size, lastEditedTime: nowIso(ctx) });
    await recordUploadEvent(trx, ctx, upload, "file_upload.completed");
  });
  return getUpload(ctx, viewer, id);
}
