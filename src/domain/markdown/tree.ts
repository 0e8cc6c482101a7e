import type { JsonObject } from "../validation.ts";

/** A stored block with its loaded children, as the renderer reads it. */
export interface RenderBlock {
  id: string;
  type: string;
  content: JsonObject;
  children: RenderBlock[];
  /** The stored order key, for writers that insert around kept blocks. */
  sortKey?: string;
  /** Set when the block can't be shown (e.g. a synced block whose original isn't shared). */
  unavailable?: boolean;
}

export interface RenderOptions {
  /** The URL of a page (child pages, `<page url>`). */
  pageUrl(id: string, title: string): string;
  /** The URL of a block inside the page, for `<unknown url>` tags. */
  blockUrl(id: string): string;
  /** How many blocks render before the rest become `<unknown>` tags (Notion: about 20,000 records). */
  limit: number;
}

export interface RenderResult {
  markdown: string;
  /** One markdown segment per top-level block, joined by newlines into `markdown`. */
  segments: string[];
  truncated: boolean;
  unknownBlockIds: string[];
}
