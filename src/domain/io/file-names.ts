import { compactId } from "../ids.ts";

/**
 * Notion's "Markdown & CSV" export names every page `Title <32-hex id>.md`, its sub-pages in a folder
 * `Title <id>/`, and a database `Title <id>.csv` (help/export-your-content). Characters that file
 * systems refuse are replaced, and long titles are cut so paths stay portable.
 */
export function baseName(title: string, id: string): string {
  const safe = title
    .replace(/[/\\:*?"<>|]/g, " ")
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80)
    .trim();
  return `${safe || "Untitled"} ${compactId(id)}`;
}

const ID_AT_END = /(?:^|\s)([0-9a-f]{32})(?:_all)?$/i;

/** `Title <id>.md` → { title, id }; the id is absent in exports that leave it out. */
export function splitBaseName(name: string): { title: string; id: string | null } {
  const match = ID_AT_END.exec(name);
  if (!match) return { title: name.trim(), id: null };
  return { title: name.slice(0, match.index).trim(), id: (match[1] as string).toLowerCase() };
}

/** Relative links in exported markdown are URL-encoded paths (`Sub%20page%20<id>.md`). */
export function encodePath(path: string): string {
  return path
    .split("/")
    .map((part) => encodeURIComponent(part).replace(/\(/g, "%28").replace(/\)/g, "%29"))
    .join("/");
}

export function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `a/b/../c.md` resolved against the folder of the file that links to it. */
export function resolvePath(fromFile: string, link: string): string {
  const parts = fromFile.split("/").slice(0, -1);
  for (const piece of link.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}
