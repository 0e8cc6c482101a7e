import { compactId } from "./ids.ts";

/** Notion's page URLs are `<title words joined by dashes>-<id without dashes>`. */
export function pageUrl(publicUrl: string, id: string, title: string): string {
  const slug = title
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .join("-");
  return `${publicUrl}/${slug ? `${slug}-` : ""}${compactId(id)}`;
}
