import type { JsonObject } from "../domain/validation.ts";
import type { FileLinks } from "../services/files/file-links.ts";
import { type Html, html } from "./html.ts";
import { fileUrl } from "./render-blocks.ts";

/** A page's cover, icon and title, as Notion's page header shows them. */
export function pageHeader(
  page: { icon: JsonObject | null; cover: JsonObject | null },
  title: string,
  files: FileLinks,
  form: Html,
): Html {
  const cover = page.cover ? fileUrl(page.cover, files) : null;
  const emoji = page.icon?.["type"] === "emoji" ? String(page.icon["emoji"] ?? "") : "";
  const iconUrl = page.icon && !emoji ? fileUrl(page.icon, files) : null;
  return html`<header class="page-header">
    ${cover ? html`<img class="page-cover" src="${cover}" alt="Page cover" />` : ""}
    <h1>
      ${iconUrl ? html`<img class="page-icon" src="${iconUrl}" alt="Page icon" />` : emoji}${" "}${title}
    </h1>
    ${form}
  </header>`;
}
