import { decodePath, resolvePath } from "../../domain/io/file-names.ts";
import type { JsonObject } from "../../domain/validation.ts";
import type { Viewer } from "../access/viewer.ts";
import type { ServiceContext } from "../context.ts";
import { uploadFromBytes } from "../files/file-copies.ts";
import type { PlanPage } from "./import-plan.ts";
import type { ExportFiles } from "./read-input.ts";

/* The files an export carries beside its Markdown: attachments and file icons and covers become uploads. */

/**
 * Relative links left after rewriting point outside the export or at attachments the import does not
 * carry (Notion's export puts images next to the page): they become their text.
 */
export function dropRelativeLinks(markdown: string): string {
  const absolute = (link: string) =>
    /^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("/") || link.startsWith("#");
  return markdown
    .replace(/(!?)\[([^\]\n]*)\]\(([^)\s]*)\)/g, (match, _bang: string, label: string, link: string) =>
      absolute(link) ? match : label,
    )
    .replace(
      /<(file|pdf|audio|video) src="([^"]*)">([^<\n]*)<\/\1>/g,
      (match, _tag, link: string, caption: string) => (absolute(link) ? match : caption),
    );
}

/** Media links of exported markdown: `![caption](path)` and `<file src="path">` (and pdf, audio, video). */
const MEDIA_LINK = /!\[[^\]\n]*\]\(([^)\s]+)\)|<(?:file|pdf|audio|video) src="([^"]+)"/g;

/** Points the given media links at uploads (`file-upload://<id>`), the form content writes take. */
export function withUploads(body: string, uploads: Map<string, string>): string {
  let out = body;
  for (const [link, id] of uploads) {
    out = out
      .split(`(${link})`)
      .join(`(file-upload://${id})`)
      .split(`src="${link}"`)
      .join(`src="file-upload://${id}"`);
  }
  return out;
}

/** Stands in for the uploads an import will make, so the content check before it sees them as such. */
export const PLACEHOLDER_UPLOAD = "00000000-0000-4000-8000-000000000000";

/**
 * A manifest's icon and cover; one exported as a file (`{type: "file", path}`) is uploaded again, and
 * a reference to the exporting workspace's upload (an older export) is dropped, as it names nothing here.
 */
export async function iconAndCover(
  ctx: ServiceContext,
  viewer: Viewer,
  files: ExportFiles,
  node: {
    icon: JsonObject | null;
    cover: JsonObject | null;
  },
): Promise<JsonObject> {
  const out: JsonObject = {};
  for (const [key, value] of [
    ["icon", node.icon],
    ["cover", node.cover],
  ] as const) {
    if (!value || value.type === "file_upload") continue;
    if (value.type === "file") {
      const path = typeof value.path === "string" ? value.path : "";
      const bytes = files.get(path);
      if (!bytes) continue;
      const filename = path.slice(path.lastIndexOf("/") + 1).replace(/^[0-9a-f]{32} /, "");
      const id = await uploadFromBytes(ctx, viewer, filename, bytes);
      out[key] = { type: "file_upload", file_upload: { id } };
    } else out[key] = value;
  }
  return out;
}

/** Media links of a page that name a file of the export (Notion's and Quire's put them in the page's folder). */
export function attachmentLinks(
  page: PlanPage,
  files: ExportFiles,
): Array<{ link: string; path: string; bytes: Uint8Array }> {
  const found = new Map<string, { link: string; path: string; bytes: Uint8Array }>();
  for (const match of page.body.matchAll(MEDIA_LINK)) {
    const link = match[1] ?? match[2] ?? "";
    if (found.has(link) || /^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("/")) continue;
    const path = resolvePath(page.file, decodePath(link));
    const bytes = files.get(path);
    if (bytes) found.set(link, { link, path, bytes });
  }
  return [...found.values()];
}

/** Makes an upload of each attachment the page links to; returns each link's upload id. */
export async function uploadAttachments(
  ctx: ServiceContext,
  viewer: Viewer,
  files: ExportFiles,
  page: PlanPage,
): Promise<Map<string, string>> {
  const uploads = new Map<string, string>();
  for (const { link, path, bytes } of attachmentLinks(page, files)) {
    const filename = path.slice(path.lastIndexOf("/") + 1);
    uploads.set(link, await uploadFromBytes(ctx, viewer, filename, bytes));
  }
  return uploads;
}
