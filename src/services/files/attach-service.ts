import { attachmentCategory } from "../../domain/files/file-types.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";
import type { Executor } from "../../storage/executor.ts";
import { findFileUpload, updateFileUpload } from "../../storage/file-upload-repo.ts";
import type { Viewer } from "../access/viewer.ts";

export interface AttachedUpload {
  contentType: string | null;
  filename: string | null;
}

/**
 * Attaches uploads that a write names (media blocks, `files` values, icons, covers, comment
 * attachments). Each must be this workspace's, fully uploaded and not expired; attaching makes it
 * permanent (`expiry_time: null`, D:docs/uploading-small-files step 3). One upload may be attached many
 * times. Runs inside the write's transaction, so a write that fails attaches nothing.
 */
export async function attachUploads(
  db: Executor,
  viewer: Viewer,
  ids: readonly string[],
  now: string,
): Promise<Map<string, AttachedUpload>> {
  const attached = new Map<string, AttachedUpload>();
  for (const id of new Set(ids)) {
    const upload = await findFileUpload(db, viewer.workspaceId, id);
    if (!upload) throw validationError(`Could not find file upload with ID: ${id}.`);
    const lapsed = !upload.attached && upload.expiryTime !== null && upload.expiryTime <= now;
    if (upload.status === "expired" || lapsed) {
      throw validationError(`File upload with ID ${id} has expired; create a new file upload.`);
    }
    if (upload.status !== "uploaded") {
      throw validationError(
        `File upload with ID ${id} is in status \`${upload.status}\`; only \`uploaded\` files can be attached.`,
      );
    }
    if (!upload.attached)
      await updateFileUpload(db, id, { attached: true, expiryTime: null, lastEditedTime: now });
    attached.set(id, { contentType: upload.contentType, filename: upload.filename });
  }
  return attached;
}

/** Comment attachments as stored: the upload and the category reads show (S5 comments.d.ts). */
export async function attachCommentFiles(
  db: Executor,
  viewer: Viewer,
  ids: readonly string[],
  now: string,
): Promise<JsonObject[]> {
  const attached = await attachUploads(db, viewer, ids, now);
  return ids.map((id) => ({
    file_upload_id: id,
    category: attachmentCategory(attached.get(id)?.contentType ?? null),
  }));
}

/** The uploads an icon and a cover name, for the writes that take both. */
export function uploadsOf(...sources: unknown[]): string[] {
  return sources.flatMap((s) => {
    if (typeof s !== "object" || s === null) return [];
    const { type, file_upload: upload } = s as { type?: unknown; file_upload?: { id?: unknown } };
    return type === "file_upload" && typeof upload?.id === "string" ? [upload.id] : [];
  });
}
