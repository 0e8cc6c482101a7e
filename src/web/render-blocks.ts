import type { BlockNode } from "../services/browse/browse-service.ts";
import { type Html, html } from "./html.ts";
import type { FileLinks } from "../services/files/file-links.ts";

interface RichText {
  plain_text?: string;
  href?: string | null;
  annotations?: {
    bold?: boolean;
    italic?: boolean;
    strikethrough?: boolean;
    underline?: boolean;
    code?: boolean;
  };
  text?: { content?: string; link?: { url?: string } | null };
}

export function safeHref(url: string | null | undefined): string | null {
  // Same-site paths, web and mail links only: no javascript:/data: URLs, no protocol-relative "//host".
  return url && /^(https?:|mailto:|\/(?![/\\]))/i.test(url) ? url : null;
}

export function richText(items: unknown): Html {
  if (!Array.isArray(items)) return html``;
  return html`${(items as RichText[]).map((item) => {
    let out: Html = html`${item.plain_text ?? item.text?.content ?? ""}`;
    const a = item.annotations ?? {};
    if (a.code) out = html`<code class="code-inline">${out}</code>`;
    if (a.bold) out = html`<strong>${out}</strong>`;
    if (a.italic) out = html`<em>${out}</em>`;
    if (a.strikethrough) out = html`<s>${out}</s>`;
    if (a.underline) out = html`<u>${out}</u>`;
    const href = safeHref(item.href ?? item.text?.link?.url);
    return href ? html`<a href="${href}" rel="noopener noreferrer">${out}</a>` : out;
  })}`;
}

/** An external URL, or for a file Quire holds its signed URL (never the upload reference itself). */
export function fileUrl(content: Record<string, unknown>, files: FileLinks): string | null {
  const kind = content["type"];
  if (kind === "file_upload") {
    const id = (content["file_upload"] as { id?: unknown } | undefined)?.id;
    return typeof id === "string" ? files.fileOf(id).url : null;
  }
  const inner = typeof kind === "string" ? (content[kind] as { url?: string } | undefined) : undefined;
  return safeHref(inner?.url);
}

/** One block as HTML; every type renders, unknown ones as their name so nothing is silently hidden. */
function renderBlock(node: BlockNode, files: FileLinks): Html {
  const { block } = node;
  const c = block.content as Record<string, unknown>;
  const text = richText(c["rich_text"]);
  const kids = node.children.length > 0 ? renderBlocks(node.children, files) : html``;
  switch (block.type) {
    case "paragraph":
      return html`<p>${text}</p>
        ${kids}`;
    case "heading_1":
      return html`<h2>${text}</h2>
        ${kids}`;
    case "heading_2":
      return html`<h3>${text}</h3>
        ${kids}`;
    case "heading_3":
      return html`<h4>${text}</h4>
        ${kids}`;
    case "bulleted_list_item":
      return html`<ul>
        <li>${text}${kids}</li>
      </ul>`;
    case "numbered_list_item":
      return html`<ol>
        <li>${text}${kids}</li>
      </ol>`;
    case "to_do":
      return html`<p>
          <input type="checkbox" disabled ${c["checked"] ? html`checked` : ""} aria-label="done" /> ${text}
        </p>
        ${kids}`;
    case "toggle":
      return html`<details>
        <summary>${text}</summary>
        ${kids}
      </details>`;
    case "quote":
      return html`<blockquote>${text}${kids}</blockquote>`;
    case "callout":
      return html`<div class="callout">
        <span>${(c["icon"] as { emoji?: string } | null)?.emoji ?? "💡"}</span>
        <div>${text}${kids}</div>
      </div>`;
    case "code":
      return html`<pre><code>${richText(c["rich_text"])}</code></pre>`;
    case "equation":
      return html`<pre>${String(c["expression"] ?? "")}</pre>`;
    case "divider":
      return html`<hr />`;
    case "child_page":
      return html`<p>📄 <a href="/pages/${block.id}">${String(c["title"] ?? "") || "Untitled"}</a></p>`;
    case "child_database":
      return html`<p>
        ▦ <a href="/pages/${block.id}">${String(c["title"] ?? "") || "Untitled database"}</a>
      </p>`;
    case "link_to_page": {
      const target = c as { page_id?: string; database_id?: string };
      const id = target.page_id ?? target.database_id;
      return id ? html`<p>↗ <a href="/pages/${id}">Linked page</a></p>` : html``;
    }
    case "synced_block":
    case "column":
      return kids;
    case "table_of_contents":
    case "breadcrumb":
      return html``;
    case "image": {
      const url = fileUrl(c, files);
      return url
        ? html`<figure>
            <img src="${url}" alt="" />
            <figcaption>${richText(c["caption"])}</figcaption>
          </figure>`
        : html`<p>[image]</p>`;
    }
    case "bookmark":
    case "embed":
    case "link_preview": {
      const url = safeHref(c["url"] as string | undefined);
      return url
        ? html`<p>🔗 <a href="${url}" rel="noopener noreferrer">${url}</a></p>`
        : html`<p>[${block.type}]</p>`;
    }
    case "table":
      return html`<table>
        <tbody>
          ${node.children.map(
            (row) =>
              html`<tr>
                ${((row.block.content as { cells?: unknown[] }).cells ?? []).map((cell) => html`<td>${richText(cell)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>`;
    case "column_list":
      return html`<div class="columns">
        ${node.children.map((col) => html`<div>${renderBlocks(col.children, files)}</div>`)}
      </div>`;
    default: {
      const url = fileUrl(c, files);
      const name = typeof c["name"] === "string" && c["name"] !== "" ? c["name"] : block.type;
      if (url)
        return html`<p class="attachment">📎 <a href="${url}" rel="noopener noreferrer">${name}</a></p>`;
      return html`<div class="muted">[${block.type}] ${text}</div>
        ${kids}`;
    }
  }
}

export function renderBlocks(nodes: BlockNode[], files: FileLinks): Html {
  return html`${nodes.map((node) => renderBlock(node, files))}`;
}
