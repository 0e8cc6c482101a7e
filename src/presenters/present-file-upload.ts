import type { ApiVersion } from "../domain/versions.ts";
import type { FileUploadView } from "../services/files/upload-service.ts";
import { trashFields } from "./present-common.ts";

/**
 * The file upload object (D:reference/file-upload; S5 `FileUploadObjectResponse`). `upload_url` and
 * `complete_url` appear only while there is something left to send or complete; `expiry_time` is null
 * once the upload is attached somewhere.
 */
export function presentFileUpload(view: FileUploadView, version: ApiVersion, publicUrl: string) {
  const { upload } = view;
  const pending = upload.status === "pending";
  const base = `${publicUrl}/v1/file_uploads/${upload.id}`;
  return {
    object: "file_upload",
    id: upload.id,
    created_time: upload.createdTime,
    created_by: { id: upload.createdBy, type: upload.createdByType },
    last_edited_time: upload.lastEditedTime,
    ...trashFields(version, false),
    expiry_time: upload.attached ? null : upload.expiryTime,
    status: upload.status,
    filename: upload.filename,
    content_type: upload.contentType,
    content_length: upload.contentLength,
    ...(pending && upload.mode !== "external_url" ? { upload_url: `${base}/send` } : {}),
    ...(pending && upload.mode === "multi_part" ? { complete_url: `${base}/complete` } : {}),
    ...(upload.importResult ? { file_import_result: upload.importResult } : {}),
    ...(upload.mode === "multi_part"
      ? { number_of_parts: { total: upload.numberOfParts ?? 0, sent: view.partsSent } }
      : {}),
  };
}
