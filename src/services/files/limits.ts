/** Notion's file upload limits (reference/notion-api.md §5; D:docs/sending-larger-files). */
const MIB = 1024 * 1024;

/** single_part uploads: "files up to 20 MB" (D:docs/working-with-files-and-media). */
export const SINGLE_PART_MAX_BYTES = 20 * MIB;
/** multi_part: every part but the last is 5–20 MiB. */
export const PART_MIN_BYTES = 5 * MIB;
export const PART_MAX_BYTES = 20 * MIB;
export const MAX_PARTS = 1000;
/** Filenames are at most 900 bytes (D:reference/upload-file). */
export const MAX_FILENAME_BYTES = 900;
/**
 * The workspace's per-file cap: 5 GiB, the figure of Notion's paid plans. `QUIRE_MAX_FILE_UPLOAD_BYTES`
 * changes it; `GET /v1/users/me` reports it as `workspace_limits.max_file_upload_size_in_bytes`.
 */
export function workspaceFileMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.QUIRE_MAX_FILE_UPLOAD_BYTES;
  const value = text ? Number(text) : NaN;
  return Number.isInteger(value) && value > 0 ? value : 5 * 1024 * MIB;
}
/** A pending upload must be sent and attached within an hour (D:docs/uploading-small-files example). */
export const UPLOAD_EXPIRY_MS = 60 * 60 * 1000;
/** Signed file URLs last an hour, as Notion's S3 URLs do (D:reference/file-object). */
export const FILE_URL_TTL_MS = 60 * 60 * 1000;
