import { isObject } from "../domain/validation.ts";
import type { FileLinks } from "../services/files/file-links.ts";

export type { FileLinks };

/**
 * Content keeps the `{type:"file_upload", file_upload:{id}}` it was written with; reads show a file
 * Quire holds as `{type:"file", file:{url, expiry_time}}` with a freshly signed URL (D:reference/file-object).
 * Other keys beside it (a block's `caption`, a files item's `name`) are kept.
 */
export function presentFileSource<T>(value: T, files: FileLinks): T {
  if (!isObject(value) || value.type !== "file_upload" || !isObject(value.file_upload)) return value;
  const id = value.file_upload.id;
  const { file_upload: _upload, ...rest } = value;
  return { ...rest, type: "file", file: files.fileOf(typeof id === "string" ? id : "") } as T;
}

/** A block's content: media blocks name a file themselves; callouts and paragraphs may through `icon`. */
export function presentBlockFiles(content: unknown, files: FileLinks): unknown {
  const own = presentFileSource(content, files);
  if (isObject(own) && isObject(own.icon) && own.icon.type === "file_upload") {
    return { ...own, icon: presentFileSource(own.icon, files) };
  }
  return own;
}

function presentValueFiles(value: unknown, files: FileLinks): unknown {
  if (!isObject(value)) return value;
  if (value.type === "files" && Array.isArray(value.files)) {
    return { ...value, files: value.files.map((f: unknown) => presentFileSource(f, files)) };
  }
  // A rollup showing the original values of a files property lists them in `array`.
  if (value.type === "rollup" && isObject(value.rollup) && Array.isArray(value.rollup.array)) {
    const array = value.rollup.array.map((element: unknown) => presentValueFiles(element, files));
    return { ...value, rollup: { ...value.rollup, array } };
  }
  return value;
}

/** `page.properties` by name: `files` values (and rollups of them) sign the uploads they list. */
export function presentPropertyFiles(properties: Record<string, unknown>, files: FileLinks) {
  let out: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(properties)) {
    const presented = presentValueFiles(value, files);
    if (presented !== value) (out ??= { ...properties })[name] = presented;
  }
  return out ?? properties;
}
