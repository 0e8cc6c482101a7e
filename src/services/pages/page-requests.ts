import { parseBlockChildren } from "../../domain/blocks/index.ts";
import type { NewBlock } from "../../domain/blocks/types.ts";
import { type RichTextItem, parseRichText } from "../../domain/rich-text.ts";
import {
  type JsonObject,
  excerpt,
  expectation,
  fail,
  failOneOf,
  requireObject,
  requireUuid,
} from "../../domain/validation.ts";
import { validationError } from "../../errors.ts";
import { assertElementLimit } from "../blocks/block-service.ts";

/** Where `pages.create` puts a page; `database` means the database's only data source. */
export type PageParent =
  | { kind: "workspace" }
  | { kind: "page"; id: string }
  | { kind: "data_source"; id: string }
  | { kind: "database"; id: string };

export function parsePageParent(value: unknown): PageParent {
  const parent = requireObject(value, "body.parent");
  if (parent.page_id !== undefined)
    return { kind: "page", id: requireUuid(parent.page_id, "body.parent.page_id") };
  if (parent.data_source_id !== undefined) {
    return { kind: "data_source", id: requireUuid(parent.data_source_id, "body.parent.data_source_id") };
  }
  if (parent.database_id !== undefined) {
    return { kind: "database", id: requireUuid(parent.database_id, "body.parent.database_id") };
  }
  if (parent.workspace !== undefined) {
    if (parent.workspace !== true) fail("body.parent.workspace", "`true`", parent.workspace);
    return { kind: "workspace" };
  }
  failOneOf(
    "body.parent",
    ["page_id", "database_id", "data_source_id", "workspace"].map((k) =>
      expectation(`body.parent.${k}`, "defined", undefined),
    ),
  );
}

/** A page under a page or the workspace has exactly one property, its `title`. */
export function parsePageTitle(value: unknown): RichTextItem[] | undefined {
  if (value === undefined) return undefined;
  const properties = requireObject(value, "body.properties");
  for (const key of Object.keys(properties)) {
    if (key !== "title") throw validationError(`${excerpt(key)} is not a property that exists.`);
  }
  const title = properties.title;
  if (title === undefined) return undefined;
  if (Array.isArray(title)) return parseRichText(title, "body.properties.title");
  return parseRichText(requireObject(title, "body.properties.title").title, "body.properties.title.title");
}

export function titleProperties(title: RichTextItem[]): JsonObject {
  return { title: { id: "title", type: "title", title } };
}

export function plain(items: RichTextItem[]): string {
  return items.map((i) => i.plain_text).join("");
}

export function uploadIds(...files: (JsonObject | null | undefined)[]): string[] {
  return files.flatMap((file) => {
    const upload = file?.type === "file_upload" ? file.file_upload : undefined;
    return upload && typeof upload === "object" && "id" in upload ? [String(upload.id)] : [];
  });
}

/** `children`, or its alias `content` (never both); `markdown` is read by the markdown service. */
export function parsePageChildren(body: JsonObject): NewBlock[] {
  if (body.children !== undefined && body.content !== undefined) {
    throw validationError("body failed validation: body.children and body.content can't both be given.");
  }
  if (body.allow_async !== undefined) {
    throw validationError("body failed validation: body.allow_async can only be given with body.markdown.");
  }
  const key = body.content !== undefined ? "content" : "children";
  if (body[key] === undefined) return [];
  const children = parseBlockChildren(body[key], `body.${key}`, 2, { type: "child_page" });
  assertElementLimit(children);
  return children;
}

export type PagePosition = { type: "page_start" | "page_end" } | { type: "after_block"; id: string };

export function parsePagePosition(value: unknown): PagePosition {
  if (value === undefined) return { type: "page_end" };
  const position = requireObject(value, "body.position");
  if (position.type === "page_start" || position.type === "page_end") return { type: position.type };
  if (position.type !== "after_block") {
    fail("body.position.type", '`"after_block"`, `"page_start"`, or `"page_end"`', position.type);
  }
  const after = requireObject(position.after_block, "body.position.after_block");
  return { type: "after_block", id: requireUuid(after.id, "body.position.after_block.id") };
}
