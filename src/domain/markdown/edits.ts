import { validationError } from "../../errors.ts";

/**
 * The text edits of `PATCH /v1/pages/{id}/markdown` (reference/update-page-markdown), applied to the
 * page's current markdown. Selections use the ellipsis format `"start text...end text"`: from the first
 * occurrence of the start text to the first occurrence of the end text after it; without `...` the
 * selection is the text itself.
 */
export function findSelection(markdown: string, selection: string): { start: number; end: number } | null {
  const cut = selection.indexOf("...");
  if (cut < 0) {
    const at = selection === "" ? -1 : markdown.indexOf(selection);
    return at < 0 ? null : { start: at, end: at + selection.length };
  }
  const head = selection.slice(0, cut);
  const tail = selection.slice(cut + 3);
  const start = markdown.indexOf(head);
  if (start < 0) return null;
  if (tail === "") return { start, end: start + head.length };
  const end = markdown.indexOf(tail, start + head.length);
  return end < 0 ? null : { start, end: end + tail.length };
}

function noMatch(field: string, selection: string): never {
  throw validationError(
    `${field} did not match any content in the page: \`${selection.length > 100 ? `${selection.slice(0, 97)}...` : selection}\`.`,
  );
}

/** `replace_content_range`: the selected text becomes `content`. */
export function applySelection(markdown: string, selection: string, content: string): string {
  const range = findSelection(markdown, selection);
  if (!range) noMatch("replace_content_range.content_range", selection);
  return markdown.slice(0, range.start) + content + markdown.slice(range.end);
}

function depthOf(line: string): number {
  return /^\t*/.exec(line)?.[0].length ?? 0;
}

/**
 * `insert_content` with `after`: the new content goes after the block the selection ends in (and that
 * block's indented children), at that block's indentation, so it never splits a block from its children.
 */
export function insertAfterSelection(markdown: string, selection: string, content: string): string {
  const range = findSelection(markdown, selection);
  if (!range) noMatch("insert_content.after", selection);
  const lines = markdown.split("\n");
  let offset = 0;
  let index = 0;
  for (; index < lines.length; index++) {
    const length = (lines[index] as string).length + 1;
    if (offset + length > Math.max(range.end - 1, range.start)) break;
    offset += length;
  }
  const depth = depthOf(lines[index] ?? "");
  let last = index;
  while (last + 1 < lines.length) {
    const next = lines[last + 1] as string;
    if (next.trim() !== "" && depthOf(next) <= depth) break;
    last++;
  }
  const indented = content.split("\n").map((line) => (line === "" ? line : "\t".repeat(depth) + line));
  return [...lines.slice(0, last + 1), ...indented, ...lines.slice(last + 1)].join("\n");
}

export interface ContentUpdate {
  oldStr: string;
  newStr: string;
  replaceAll: boolean;
}

/** One of the four edits of `PATCH /v1/pages/{id}/markdown` (SDK 5.26 `UpdatePageMarkdownBodyParameters`). */
export type MarkdownEdit =
  | { type: "insert_content"; content: string; after?: string; position: "start" | "end" }
  | { type: "replace_content_range"; content: string; contentRange: string; allowDeleting: boolean }
  | { type: "update_content"; updates: ContentUpdate[]; allowDeleting: boolean }
  | { type: "replace_content"; newStr: string; allowDeleting: boolean };

function occurrences(text: string, search: string): number {
  let count = 0;
  for (let at = text.indexOf(search); at >= 0; at = text.indexOf(search, at + search.length)) count++;
  return count;
}

/** `update_content`: search-and-replace edits in order; each must match, and once unless `replace_all_matches`. */
export function applyContentUpdates(markdown: string, updates: ContentUpdate[]): string {
  let text = markdown;
  updates.forEach((update, i) => {
    const path = `update_content.content_updates[${i}].old_str`;
    const count = update.oldStr === "" ? 0 : occurrences(text, update.oldStr);
    if (count === 0) noMatch(path, update.oldStr);
    if (count > 1 && !update.replaceAll) {
      throw validationError(
        `${path} matches ${count} locations in the page; make it unique or set replace_all_matches to true.`,
      );
    }
    text = update.replaceAll
      ? text.split(update.oldStr).join(update.newStr)
      : text.replace(update.oldStr, () => update.newStr);
  });
  return text;
}
