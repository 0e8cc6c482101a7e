import { API_COLORS } from "../colors.ts";

/**
 * Notion-flavored Markdown names background colors `<color>_bg` where the API says
 * `<color>_background` (developers.notion.com/guides/data-apis/enhanced-markdown, "Colors").
 */
export function markdownColor(apiColor: string): string {
  return apiColor.endsWith("_background") ? `${apiColor.slice(0, -"_background".length)}_bg` : apiColor;
}

/** The API color a markdown color names; the API spelling is accepted too. Unknown names give undefined. */
export function apiColor(markdownName: string): string | undefined {
  const name = markdownName.trim().toLowerCase();
  const api = name.endsWith("_bg") ? `${name.slice(0, -3)}_background` : name;
  return API_COLORS.includes(api) ? api : undefined;
}
