/**
 * The file types Notion accepts for uploads, by extension (D:docs/working-with-files-and-media,
 * "Supported file types"). A `content_type` given with a filename must be the one its extension names.
 */
const TYPES: Record<string, string> = {
  // audio
  aac: "audio/aac",
  mid: "audio/midi",
  midi: "audio/midi",
  mp3: "audio/mpeg",
  mpga: "audio/mpeg",
  m4a: "audio/mp4",
  m4b: "audio/mp4",
  oga: "audio/ogg",
  ogg: "audio/ogg",
  wav: "audio/wav",
  wma: "audio/x-ms-wma",
  // documents
  pdf: "application/pdf",
  txt: "text/plain",
  json: "application/json",
  csv: "text/csv",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  // images
  gif: "image/gif",
  heic: "image/heic",
  jpeg: "image/jpeg",
  jpg: "image/jpeg",
  png: "image/png",
  svg: "image/svg+xml",
  tif: "image/tiff",
  tiff: "image/tiff",
  webp: "image/webp",
  ico: "image/vnd.microsoft.icon",
  // video
  avi: "video/x-msvideo",
  flv: "video/x-flv",
  m4v: "video/x-m4v",
  mp4: "video/mp4",
  mkv: "video/x-matroska",
  webm: "video/webm",
  mov: "video/quicktime",
  qt: "video/quicktime",
  mpeg: "video/mpeg",
  wmv: "video/x-ms-wmv",
};

/** Types several extensions share under other names (audio/mp3 for mpeg, image/jpg for jpeg). */
const ALIASES: Record<string, string> = {
  "audio/mp3": "audio/mpeg",
  "audio/x-wav": "audio/wav",
  "image/jpg": "image/jpeg",
  "image/x-icon": "image/vnd.microsoft.icon",
};

export function extensionOf(filename: string): string | undefined {
  const match = /\.([A-Za-z0-9]+)$/.exec(filename);
  return match?.[1]?.toLowerCase();
}

/** The media type an extension names, or undefined when Notion does not take it. */
export function typeOfExtension(extension: string): string | undefined {
  return TYPES[extension];
}

/** `image/png; charset=…` → `image/png`, with known aliases folded. */
export function normalizeType(contentType: string): string {
  const bare = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

export function isSupportedType(contentType: string): boolean {
  const type = normalizeType(contentType);
  return Object.values(TYPES).includes(type);
}

/** Which comment attachment category a type falls in (S5 comments.d.ts `attachments[].category`). */
export function attachmentCategory(
  contentType: string | null,
): "audio" | "image" | "pdf" | "productivity" | "video" {
  const type = contentType ?? "";
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("audio/")) return "audio";
  if (type.startsWith("video/")) return "video";
  if (type === "application/pdf") return "pdf";
  return "productivity";
}
