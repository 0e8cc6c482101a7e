import type { JsonObject } from "../validation.ts";

/** A validated block from a create/append request, in the shape it is stored and served. */
export interface NewBlock {
  type: string;
  /** The `<type>` object as Notion serves it back (e.g. `{rich_text, color}` for a paragraph), without `children`. */
  content: JsonObject;
  children: NewBlock[];
}

/** How many levels of `children` a request may still nest below the current array (Notion allows two). */
export type NestingBudget = 0 | 1 | 2;
