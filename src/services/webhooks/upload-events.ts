import type { FileUploadRecord } from "../../storage/file-upload-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import type { ServiceContext } from "../context.ts";
import { recordEventBy } from "./record-event.ts";

export type UploadEventType =
  "file_upload.created" | "file_upload.completed" | "file_upload.expired" | "file_upload.upload_failed";

/**
 * A file upload's events (the SDK's `FileUpload*WebhookPayload`). An upload belongs to whoever created
 * it (nobody else can retrieve it), so the event's reach is its creator's bot user: only that
 * integration's subscriptions get it. The author is the creator too, also for an import finishing
 * in the background or an expiry the sweep notices.
 */
export async function recordUploadEvent(
  trx: Executor,
  ctx: ServiceContext,
  upload: Pick<FileUploadRecord, "id" | "workspaceId" | "createdBy" | "createdByType">,
  type: UploadEventType,
  fileImportResult?: Record<string, unknown>,
): Promise<void> {
  await recordEventBy(
    trx,
    ctx,
    { workspaceId: upload.workspaceId, author: { id: upload.createdBy, type: upload.createdByType } },
    {
      type,
      entity: { id: upload.id, type: "file_upload" },
      reachId: upload.createdBy,
      data: fileImportResult ? { fileImportResult } : {},
    },
  );
}
