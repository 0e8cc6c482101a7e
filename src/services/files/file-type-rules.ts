import { extensionOf, normalizeType, typeOfExtension } from "../../domain/files/file-types.ts";
import { validationError } from "../../errors.ts";
import type { FileUploadRecord } from "../../storage/file-upload-repo.ts";

const GENERIC = "application/octet-stream";

function mismatch(contentType: string, filename: string, expected: string) {
  return validationError(
    `The content type \`${contentType}\` does not match the extension of the filename \`${filename}\` (\`${expected}\`).`,
  );
}

/**
 * The content type an upload is created with: the one given, which must agree with the filename's
 * extension when both are known, or the extension's. multi_part needs one or the other, since its parts
 * carry no type Notion trusts (D:docs/sending-larger-files).
 */
export function checkFileType(
  mode: FileUploadRecord["mode"],
  filename: string | undefined,
  contentType: string | undefined,
): string | undefined {
  const extension = filename === undefined ? undefined : extensionOf(filename);
  const fromExtension = extension === undefined ? undefined : typeOfExtension(extension);
  if (contentType !== undefined) {
    const type = normalizeType(contentType);
    if (fromExtension !== undefined && filename !== undefined && type !== fromExtension) {
      throw mismatch(contentType, filename, fromExtension);
    }
    return type;
  }
  if (mode === "multi_part" && fromExtension === undefined) {
    throw validationError(
      "A multi_part file upload needs a `filename` with a supported extension or a `content_type`.",
    );
  }
  return fromExtension;
}

/**
 * The type stored once the file arrives. A part's own type must match the upload's; a generic
 * `application/octet-stream` (what the SDK sends for a string or an untyped Blob) says nothing.
 */
export function typeForSend(
  upload: FileUploadRecord,
  partFilename: string | undefined,
  partType: string | undefined,
): string | null {
  const given = partType === undefined ? undefined : normalizeType(partType);
  const told = given === undefined || given === GENERIC ? undefined : given;
  if (upload.contentType !== null) {
    if (told !== undefined && told !== upload.contentType) {
      throw validationError(
        `The file's content type \`${told}\` does not match the file upload's content type \`${upload.contentType}\`.`,
      );
    }
    return upload.contentType;
  }
  const filename = upload.filename ?? partFilename;
  const extension = filename === undefined ? undefined : extensionOf(filename);
  const fromExtension = extension === undefined ? undefined : typeOfExtension(extension);
  if (told !== undefined && fromExtension !== undefined && filename !== undefined && told !== fromExtension) {
    throw mismatch(told, filename, fromExtension);
  }
  return told ?? fromExtension ?? null;
}
