import {
  type JsonObject,
  fail,
  notPresent,
  optionalBoolean,
  optionalString,
  requireArray,
  requireEnum,
  requireObject,
  requireString,
} from "../../domain/validation.ts";
import type { ContentUpdate } from "../../domain/markdown/edits.ts";
import { validationError } from "../../errors.ts";

/** One of the four edits of `PATCH /v1/pages/{id}/markdown` (SDK 5.26 `UpdatePageMarkdownBodyParameters`). */
export type MarkdownEdit =
  | { type: "insert_content"; content: string; after?: string; position: "start" | "end" }
  | { type: "replace_content_range"; content: string; contentRange: string; allowDeleting: boolean }
  | { type: "update_content"; updates: ContentUpdate[]; allowDeleting: boolean }
  | { type: "replace_content"; newStr: string; allowDeleting: boolean };

const EDIT_TYPES = ["insert_content", "replace_content_range", "update_content", "replace_content"] as const;

/** The MCP server caps `content_updates` at 100 (reference §2.2). */
const MAX_CONTENT_UPDATES = 100;

export function parseMarkdownEdit(body: JsonObject): MarkdownEdit {
  const type = requireEnum(body.type, "body.type", EDIT_TYPES);
  for (const other of EDIT_TYPES) if (other !== type) notPresent(body[other], `body.${other}`);
  const path = `body.${type}`;
  const input = requireObject(body[type], path);
  const allowDeleting =
    optionalBoolean(input.allow_deleting_content, `${path}.allow_deleting_content`) ?? false;
  switch (type) {
    case "insert_content": {
      const content = requireString(input.content, `${path}.content`);
      const after = optionalString(input.after, `${path}.after`);
      let position: "start" | "end" = "end";
      if (input.position !== undefined) {
        if (after !== undefined) {
          throw validationError("body failed validation: You cannot specify both after and position.");
        }
        const pos = requireObject(input.position, `${path}.position`);
        position = requireEnum(pos.type, `${path}.position.type`, ["start", "end"] as const);
      }
      return after === undefined ? { type, content, position } : { type, content, after, position };
    }
    case "replace_content_range":
      return {
        type,
        content: requireString(input.content, `${path}.content`),
        contentRange: requireString(input.content_range, `${path}.content_range`),
        allowDeleting,
      };
    case "update_content": {
      const items = requireArray(input.content_updates, `${path}.content_updates`, MAX_CONTENT_UPDATES);
      if (items.length === 0) fail(`${path}.content_updates.length`, "≥ `1`", 0);
      const updates = items.map((item, i) => {
        const update = requireObject(item, `${path}.content_updates[${i}]`);
        const at = `${path}.content_updates[${i}]`;
        return {
          oldStr: requireString(update.old_str, `${at}.old_str`),
          newStr: requireString(update.new_str, `${at}.new_str`),
          replaceAll: optionalBoolean(update.replace_all_matches, `${at}.replace_all_matches`) ?? false,
        };
      });
      return { type, updates, allowDeleting };
    }
    case "replace_content":
      return { type, newStr: requireString(input.new_str, `${path}.new_str`), allowDeleting };
  }
}
