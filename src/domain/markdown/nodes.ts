import type { JsonObject } from "../validation.ts";

/**
 * One block read from markdown, before validation: `data` is the `<type>` object of a block request
 * (`{rich_text, color}` for a paragraph). Three types are not requests: `child_page` (`{title, id?}`),
 * `child_database` (`{title, id?}`) and `unknown` (`{id?, alt}`), which name existing objects.
 */
export interface MarkdownNode {
  type: string;
  data: JsonObject;
  children: MarkdownNode[];
  /** 1-based line of the markdown the block starts on, for error messages. */
  line: number;
}

/** Types whose indented following lines are their children. */
export const TEXT_CONTAINERS: ReadonlySet<string> = new Set([
  "paragraph",
  "heading_1",
  "heading_2",
  "heading_3",
  "heading_4",
  "bulleted_list_item",
  "numbered_list_item",
  "to_do",
  "quote",
]);
