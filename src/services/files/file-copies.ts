import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { extensionOf, normalizeType, typeOfExtension } from "../../domain/files/file-types.ts";
import { validationError } from "../../errors.ts";
import { newId } from "../../domain/ids.ts";
import { blobStoreOf } from "../../storage/blobs/blob-store.ts";
import { findFileUpload, insertFileUpload, listParts, putPart } from "../../storage/file-upload-repo.ts";
import type { Viewer } from "../access/viewer.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { UPLOAD_EXPIRY_MS, workspaceFileMaxBytes } from "./limits.ts";

/**
 * Writes an upload's bytes to `path` (for `quire export`, which puts attachments beside the page's
 * Markdown as Notion's export does). Returns the upload's filename, or null for an upload that is not
 * the workspace's or holds no bytes.
 */
export async function copyUploadTo(
  ctx: ServiceContext,
  viewer: Viewer,
  uploadId: string,
  path: string,
): Promise<string | null> {
  const upload = await findFileUpload(ctx.store.db, viewer.workspaceId, uploadId);
  if (!upload || upload.status !== "uploaded") return null;
  const parts = await listParts(ctx.store.db, uploadId);
  const blobs = await blobStoreOf(ctx.store);
  async function* bytes() {
    for (const part of parts) if (part.size > 0) yield* blobs.read(part.blobKey, 0, part.size - 1);
  }
  await mkdir(dirname(path), { recursive: true });
  await pipeline(Readable.from(bytes()), createWriteStream(path));
  return upload.filename ?? uploadId;
}

/** The filename an upload would be exported under, without copying it. */
export async function uploadFilename(
  ctx: ServiceContext,
  viewer: Viewer,
  uploadId: string,
): Promise<string | null> {
  const upload = await findFileUpload(ctx.store.db, viewer.workspaceId, uploadId);
  return upload && upload.status === "uploaded" ? (upload.filename ?? uploadId) : null;
}

/**
 * An `uploaded` single-part upload made from bytes at hand (a file of an import, a file posted from the
 * web UI), ready to be attached by the content that names it; unattached, it expires like any other.
 */
export async function uploadFromBytes(
  ctx: ServiceContext,
  viewer: Viewer,
  filename: string,
  bytes: Uint8Array | AsyncIterable<Buffer>,
  options: { contentType?: string | undefined; maxBytes?: number } = {},
): Promise<string> {
  const id = newId();
  const now = nowIso(ctx);
  const extension = extensionOf(filename);
  const blobs = await blobStoreOf(ctx.store);
  const blobKey = `${id}.${randomUUID()}`;
  const max = options.maxBytes ?? workspaceFileMaxBytes();
  const tooLarge = () => validationError(`${filename} is larger than ${max} bytes.`);
  const source = bytes instanceof Uint8Array ? [Buffer.from(bytes)] : bytes;
  const size = await blobs.write(blobKey, source, max, tooLarge);
  const given = options.contentType ? normalizeType(options.contentType) : undefined;
  const contentType =
    (given && given !== "application/octet-stream" ? given : undefined) ??
    (extension && typeOfExtension(extension)) ??
    null;
  try {
    await ctx.store.transaction(async (trx) => {
      await insertFileUpload(trx, {
        id,
        workspaceId: viewer.workspaceId,
        createdBy: viewer.userId,
        createdByType: viewer.integration ? "bot" : "person",
        mode: "single_part",
        status: "uploaded",
        filename,
        contentType,
        contentLength: size,
        numberOfParts: null,
        externalUrl: null,
        importResult: null,
        expiryTime: new Date(Date.parse(now) + UPLOAD_EXPIRY_MS).toISOString(),
        attached: false,
        createdTime: now,
        lastEditedTime: now,
      });
      await putPart(trx, id, { partNumber: 1, size, blobKey });
    });
  } catch (error) {
    await blobs.remove([blobKey]);
    throw error;
  }
  return id;
}
