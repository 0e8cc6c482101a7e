import { blobStoreOf } from "../../storage/blobs/blob-store.ts";
import { type FileUploadPart, findFileUploadById, listParts } from "../../storage/file-upload-repo.ts";
import type { ServiceContext } from "../context.ts";
import { checkFileSignature } from "./file-links.ts";

export interface StoredFile {
  filename: string;
  contentType: string;
  size: number;
  /** Bytes `start` to `end` inclusive, across the upload's parts in order. */
  read(start: number, end: number): AsyncIterable<Buffer>;
}

export type OpenedFile = { kind: "ok"; file: StoredFile } | { kind: "expired" | "invalid" | "missing" };

/**
 * What a signed file URL serves. Only uploads that are attached somewhere are served: a pending or
 * merely uploaded file has no URL of Quire's making, so a URL for one was not signed by Quire.
 */
export async function openSignedFile(
  ctx: ServiceContext,
  uploadId: string,
  expires: string | undefined,
  signature: string | undefined,
): Promise<OpenedFile> {
  const check = await checkFileSignature(ctx, uploadId, expires, signature);
  if (check !== "ok") return { kind: check };
  const upload = await findFileUploadById(ctx.store.db, uploadId);
  if (!upload || upload.status !== "uploaded" || !upload.attached) return { kind: "missing" };
  const parts = await listParts(ctx.store.db, uploadId);
  const blobs = await blobStoreOf(ctx.store);
  const size = parts.reduce((sum, p) => sum + p.size, 0);
  return {
    kind: "ok",
    file: {
      filename: upload.filename ?? "file",
      contentType: upload.contentType ?? "application/octet-stream",
      size,
      read: (start, end) => {
        // A range inside one part (every single-part file) is that blob's own stream, unwrapped.
        const only = partHolding(parts, start, end);
        if (only) return blobs.read(only.part.blobKey, start - only.offset, end - only.offset);
        return readParts(parts, start, end, (key, s, e) => blobs.read(key, s, e));
      },
    },
  };
}

function partHolding(
  parts: FileUploadPart[],
  start: number,
  end: number,
): { part: FileUploadPart; offset: number } | undefined {
  let offset = 0;
  for (const part of parts) {
    if (start >= offset && end < offset + part.size) return { part, offset };
    offset += part.size;
  }
  return undefined;
}

async function* readParts(
  parts: FileUploadPart[],
  start: number,
  end: number,
  read: (key: string, start: number, end: number) => AsyncIterable<Buffer>,
): AsyncIterable<Buffer> {
  let offset = 0;
  for (const part of parts) {
    const partEnd = offset + part.size - 1;
    if (part.size > 0 && partEnd >= start && offset <= end) {
      yield* read(part.blobKey, Math.max(start - offset, 0), Math.min(end, partEnd) - offset);
    }
    offset += part.size;
    if (offset > end) return;
  }
}
