import type { RichTextItem } from "./rich-text.ts";
import type { JsonObject } from "./validation.ts";

/**
 * A page's title as stored: the plain text in its content (what URLs and mentions show) and the
 * `title` property of a page outside a data source. Services write it, presenters read it.
 */

/** The plain-text title a page's content carries ("" when it has none). */
export function pageTitle(page: { content: JsonObject }): string {
  return typeof page.content.title === "string" ? page.content.title : "";
}

/** The properties of a page outside a data source: its `title` and nothing else. */
export function titleProperties(title: RichTextItem[]): JsonObject {
  return { title: { id: "title", type: "title", title } };
}

export function plain(items: RichTextItem[]): string {
  return items.map((i) => i.plain_text).join("");
}
