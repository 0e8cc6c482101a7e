import { parseRichText } from "../rich-text.ts";
import { type JsonObject, notPresent, requireString, requireUrl } from "../validation.ts";
import { captionField, pickVariant } from "./fields.ts";
import { parseExternalRef, parseFileUploadRef } from "./icons.ts";
import { type BlockSpec, NO_CHILDREN, fieldSpec } from "./spec.ts";

const SOURCES = ["external", "file_upload"] as const;
/** Every key a stored media source may use: a resolved upload is served as `{type:"file", file}`. */
const SOURCE_KEYS = ["type", "external", "file_upload", "file"];

function parseSource(input: JsonObject, path: string): JsonObject {
  const kind = pickVariant(input, path, SOURCES);
  const other = kind === "external" ? "file_upload" : "external";
  notPresent(input[other], `${path}.${other}`);
  return kind === "external"
    ? { type: kind, external: parseExternalRef(input.external, `${path}.external`) }
    : { type: kind, file_upload: parseFileUploadRef(input.file_upload, `${path}.file_upload`) };
}

/** Notion names an external file after the last segment of its URL when the request gives no name. */
export function nameFromUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const segment = parsed.pathname.split("/").filter(Boolean).at(-1);
    if (segment === undefined) return parsed.hostname;
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  } catch {
    return url;
  }
}

function parseName(value: unknown, path: string): string {
  return requireString(value, path, 900);
}

function withoutSource(current: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(current).filter(([key]) => !SOURCE_KEYS.includes(key)));
}

function mediaSpec(withName: boolean): BlockSpec {
  return {
    create(input, path) {
      const caption = input.caption === undefined ? [] : parseRichText(input.caption, `${path}.caption`);
      const content: JsonObject = { caption, ...parseSource(input, path) };
      if (!withName) return content;
      if (input.name !== undefined) content.name = parseName(input.name, `${path}.name`);
      // An upload's name comes from its filename, which the service knows once it resolves the upload.
      else if (isExternal(content)) content.name = nameFromUrl(content.external.url);
      return content;
    },
    update(current, input, path) {
      // Notion rejects `type` inside a media update: the source key alone says what it is.
      notPresent(input.type, `${path}.type`);
      let content: JsonObject = { ...current };
      if (input.caption !== undefined) content.caption = parseRichText(input.caption, `${path}.caption`);
      if (input.external !== undefined || input.file_upload !== undefined) {
        content = { ...withoutSource(content), ...parseSource(input, path) };
      }
      if (withName && input.name !== undefined) content.name = parseName(input.name, `${path}.name`);
      return content;
    },
    children: () => NO_CHILDREN,
  };
}

function isExternal(content: JsonObject): content is JsonObject & { external: { url: string } } {
  return content.type === "external";
}

const linkSpec = fieldSpec(
  { caption: captionField, url: { parse: requireUrl, required: true } },
  NO_CHILDREN,
);

export const MEDIA_BLOCKS: Record<string, BlockSpec> = {
  embed: linkSpec,
  bookmark: linkSpec,
  image: mediaSpec(false),
  video: mediaSpec(false),
  pdf: mediaSpec(false),
  audio: mediaSpec(false),
  file: mediaSpec(true),
};

/**
 * A `file` block made from an upload without a name is named after the upload's filename, as an
 * external one is after its URL (S5 FileBlockObjectResponse requires `file.name`).
 */
export function nameUploadedFiles(
  blocks: { type: string; content: JsonObject; children: unknown[] }[],
  filenameOf: (uploadId: string) => string | null,
): void {
  for (const block of blocks) {
    const content = block.content as { type?: unknown; file_upload?: { id?: unknown }; name?: unknown };
    if (block.type === "file" && content.type === "file_upload" && content.name === undefined) {
      const id = content.file_upload?.id;
      if (typeof id === "string") block.content.name = filenameOf(id) ?? "";
    }
    nameUploadedFiles(block.children as typeof blocks, filenameOf);
  }
}
