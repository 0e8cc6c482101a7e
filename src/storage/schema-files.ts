/** File uploads, their parts and blobs, and the key that signs file URLs (migration 012). Conventions as in schema.ts. */

/** A file upload (storage/file-upload-repo.ts); its bytes are its parts' blobs in order. */
export interface FileUploadTable {
  id: string;
  workspaceId: string;
  createdBy: string;
  createdByType: "person" | "bot";
  mode: "single_part" | "multi_part" | "external_url";
  status: "pending" | "uploaded" | "expired" | "failed";
  filename: string | null;
  contentType: string | null;
  contentLength: number | string | null;
  numberOfParts: number | null;
  externalUrl: string | null;
  /** JSON of the `file_import_result`, external_url uploads only. */
  importResult: string | null;
  expiryTime: string | null;
  attached: number;
  createdTime: string;
  lastEditedTime: string;
}

export interface FileUploadPartTable {
  uploadId: string;
  partNumber: number;
  size: number | string;
  blobKey: string;
}

/** PostgreSQL only: a blob as fixed-size chunks (storage/blobs/pg-blob-store.ts). */
export interface FileBlobChunkTable {
  blobKey: string;
  seq: number;
  data: Buffer;
}

export interface FileUrlKeyTable {
  id: string;
  secret: string;
}
