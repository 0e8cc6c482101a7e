import { TOOLS_VERSION } from "../../domain/versions.ts";
import { decodePath, resolvePath } from "../../domain/io/file-names.ts";
import { parseId } from "../../domain/ids.ts";
import { pageUrl } from "../../domain/urls.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { loadVisible } from "../access/kinds.ts";
import type { ServiceContext } from "../context.ts";
import { updateDataSource } from "../data-sources/data-source-service.ts";
import { createDatabase } from "../databases/database-service.ts";
import { parseCreateDatabase } from "../../routes/databases/schema.ts";
import { parseUpdateDataSource } from "../../routes/data-sources/schema.ts";
import { parseContent, updatePageMarkdown } from "../markdown/markdown-service.ts";
import { createPage, updatePage } from "../pages/page-service.ts";
import type { Viewer } from "../access/viewer.ts";
import { userNames } from "../../storage/export-repo.ts";
import { type Plan, type PlanDatabase, type PlanNode, type PlanPage, buildPlan } from "./import-plan.ts";
import { type ExportFiles, ImportInputError, readExport } from "./read-input.ts";
import { uploadFromBytes } from "../files/file-copies.ts";
// An export is re-created through the same request schemas as the API's pages endpoints.
import { parseCreatePage, parseUpdatePage } from "../../routes/pages/schema.ts";
import { LINKED_TYPES, propertyRequest, relationTargets, replaceIds, rowValues } from "./import-values.ts";

export interface ImportReport {
  pages: number;
  databases: number;
  rows: number;
  failed: Array<{ file: string; error: string }>;
  /** Files of the export that are not pages or tables (attachments, images). */
  skipped: string[];
  /** The new top-level pages and databases, in order. */
  roots: Array<{ id: string; title: string; kind: "page" | "database" }>;
}

export interface ImportOptions {
  parentId?: string | undefined;
  progress?: (done: number, total: number) => void;
}

const VERSION = TOOLS_VERSION;

function* walk(nodes: PlanNode[]): Generator<PlanNode> {
  for (const node of nodes) {
    yield node;
    if (node.kind === "page") yield* walk(node.children);
    else for (const row of node.rows) yield* walk([row.page]);
  }
}

/**
 * Relative links left after rewriting point outside the export or at attachments the import does not
 * carry (Notion's export puts images next to the page): they become their text.
 */
function dropRelativeLinks(markdown: string): string {
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
function withUploads(body: string, uploads: Map<string, string>): string {
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
const PLACEHOLDER_UPLOAD = "00000000-0000-4000-8000-000000000000";

function text(content: string): JsonObject[] {
  return content === "" ? [] : [{ text: { content: content.slice(0, 2000) } }];
}

class Importer {
  readonly report: ImportReport;
  /** Old compact id → new id, for links and mentions. */
  private readonly newIds = new Map<string, string>();
  private readonly created = new Map<PlanNode, string>();
  private readonly sources = new Map<PlanDatabase, string>();
  private users = new Map<string, string>();
  private done = 0;
  private total = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly viewer: Viewer,
    private readonly plan: Plan,
    private readonly options: ImportOptions,
    private readonly files: ExportFiles,
  ) {
    this.report = { pages: 0, databases: 0, rows: 0, failed: [], skipped: plan.skipped, roots: [] };
  }

  /** Everything that can be checked before writing: markdown and cell values. */
  async check(): Promise<void> {
    const db = this.ctx.store.db;
    const names = await userNames(db, this.viewer.workspaceId);
    for (const [id, name] of names) {
      this.users.set(id, id);
      this.users.set(name, id);
      this.users.set(name.toLowerCase(), id);
    }
    const problems: string[] = [];
    for (const node of walk(this.plan.roots)) {
      if (node.kind === "page") {
        this.total++;
        try {
          const placeholders = new Map(this.attachmentLinks(node).map((l) => [l.link, PLACEHOLDER_UPLOAD]));
          parseContent(dropRelativeLinks(withUploads(node.body, placeholders)));
        } catch (error) {
          problems.push(`${node.file}: ${(error as Error).message}`);
        }
      } else {
        for (const row of node.rows) {
          try {
            rowValues(node, row.cells, this.users);
          } catch (error) {
            problems.push(`${node.file} line ${row.line}: ${(error as Error).message}`);
          }
        }
      }
    }
    if (problems.length > 0)
      throw new ImportInputError(`Nothing was imported:\n${problems.slice(0, 20).join("\n")}`);
  }

  private fail(file: string, error: unknown): void {
    this.report.failed.push({ file, error: error instanceof Error ? error.message : String(error) });
  }

  private tick(): void {
    this.options.progress?.(++this.done, this.total);
  }

  private remember(oldId: string | null, id: string): void {
    if (oldId) this.newIds.set(oldId, id);
  }

  /** Phase 1: every page, database and row, top-down, with titles and plain property values. */
  async shells(nodes: PlanNode[], parent: JsonObject): Promise<void> {
    for (const node of nodes) {
      try {
        if (node.kind === "page") {
          const view = await createPage(
            this.ctx,
            this.viewer,
            parseCreatePage({
              parent,
              properties: { title: { title: text(node.title) } },
              ...(await this.iconAndCover(node)),
            }),
          );
          this.created.set(node, view.page.id);
          this.remember(node.oldId, view.page.id);
          this.report.pages++;
          this.tick();
          await this.shells(node.children, { page_id: view.page.id });
        } else await this.database(node, parent);
      } catch (error) {
        this.fail(node.file, error);
      }
    }
  }

  private async database(node: PlanDatabase, parent: JsonObject): Promise<void> {
    const properties: JsonObject = {};
    for (const p of node.properties) if (!LINKED_TYPES.has(p.type)) properties[p.name] = propertyRequest(p);
    const view = await createDatabase(
      this.ctx,
      this.viewer,
      parseCreateDatabase(
        {
          parent:
            "page_id" in parent ? { type: "page_id", ...parent } : { type: "workspace", workspace: true },
          title: node.richTitle ?? text(node.title),
          description: node.description,
          is_inline: node.isInline,
          ...(await this.iconAndCover(node)),
          initial_data_source: { properties },
        },
        VERSION,
      ),
    );
    const sourceId = view.sources[0]?.id as string;
    this.created.set(node, view.block.id);
    this.sources.set(node, sourceId);
    this.remember(node.oldId, view.block.id);
    this.remember(node.oldSourceId, sourceId);
    this.report.databases++;
    for (const row of node.rows) {
      const label = row.page.file || `${node.file} line ${row.line}`;
      try {
        const created = await createPage(
          this.ctx,
          this.viewer,
          parseCreatePage({
            parent: { data_source_id: sourceId },
            properties: rowValues(node, row.cells, this.users),
            ...(await this.iconAndCover(row.page)),
          }),
        );
        this.created.set(row.page, created.page.id);
        this.remember(row.page.oldId, created.page.id);
        this.report.rows++;
        this.tick();
        await this.shells(row.page.children, { page_id: created.page.id });
      } catch (error) {
        this.fail(label, error);
      }
    }
  }

  private databases(): PlanDatabase[] {
    return [...walk(this.plan.roots)].filter(
      (n): n is PlanDatabase => n.kind === "database" && this.sources.has(n),
    );
  }

  /** The database a relation property points to: its data source id (Quire) or where its links go. */
  private relationTarget(node: PlanDatabase, name: string, config: JsonObject): PlanDatabase | undefined {
    const all = this.databases();
    if (typeof config.data_source_id === "string") {
      const old = config.data_source_id.replace(/-/g, "");
      return all.find((d) => d.oldSourceId === old);
    }
    for (const row of node.rows) {
      const [first] = relationTargets(this.plan, node.file, row.cells.get(name) ?? "", []);
      if (first) return all.find((d) => d.rows.some((r) => r.page === first));
    }
    return undefined;
  }

  /** Phase 2: relations, then rollups and formulas (which may read them). */
  async linkSchemas(): Promise<void> {
    const pairedTwins = new Set<string>();
    for (const pass of [["relation"], ["rollup", "formula"]]) {
      for (const node of this.databases()) {
        const properties: JsonObject = {};
        const renames: Array<{ name: string; twinName: string; target: PlanDatabase }> = [];
        for (const p of node.properties.filter((q) => pass.includes(q.type))) {
          if (p.oldId && pairedTwins.has(`${node.oldSourceId}:${p.oldId}`)) continue;
          if (p.type !== "relation") {
            properties[p.name] = propertyRequest(p);
            continue;
          }
          const target = this.relationTarget(node, p.name, p.config);
          const targetSource = target && this.sources.get(target);
          if (!target || !targetSource) {
            // A relation to a database outside the export keeps its text.
            properties[p.name] = { rich_text: {} };
            continue;
          }
          const dual = p.config.type === "dual_property" && target !== node;
          properties[p.name] = {
            relation: {
              data_source_id: targetSource,
              ...(dual ? { dual_property: {} } : { single_property: {} }),
            },
          };
          const twin = p.config.dual_property as JsonObject | undefined;
          if (dual && twin && typeof twin.synced_property_id === "string") {
            pairedTwins.add(`${target.oldSourceId}:${twin.synced_property_id}`);
            renames.push({ name: p.name, twinName: String(twin.synced_property_name ?? ""), target });
          }
        }
        if (Object.keys(properties).length === 0) continue;
        try {
          const view = await this.updateSchema(this.sources.get(node) as string, properties);
          for (const { name, twinName, target } of renames) {
            const made = view.fields.schema.find((q) => q.name === name);
            const twinId = (made?.config.dual_property as JsonObject | undefined)?.synced_property_id;
            if (typeof twinId === "string" && twinName)
              await this.updateSchema(this.sources.get(target) as string, { [twinId]: { name: twinName } });
          }
        } catch (error) {
          this.fail(node.file, error);
        }
      }
    }
    this.twins = pairedTwins;
  }

  private twins = new Set<string>();

  private updateSchema(sourceId: string, properties: JsonObject) {
    return updateDataSource(this.ctx, this.viewer, sourceId, parseUpdateDataSource({ properties }, VERSION));
  }

  /** Phase 3: relation values, once every row exists. */
  async relations(): Promise<void> {
    for (const node of this.databases()) {
      const relations = node.properties.filter(
        (p) => p.type === "relation" && !(p.oldId && this.twins.has(`${node.oldSourceId}:${p.oldId}`)),
      );
      if (relations.length === 0) continue;
      for (const row of node.rows) {
        const id = this.created.get(row.page);
        if (!id) continue;
        const properties: JsonObject = {};
        for (const p of relations) {
          const target = this.relationTarget(node, p.name, p.config);
          const cell = row.cells.get(p.name) ?? "";
          if (!target || cell.trim() === "") continue;
          const pages = relationTargets(
            this.plan,
            node.file,
            cell,
            target.rows.map((r) => r.page),
          );
          const ids = pages.flatMap((page) =>
            this.created.has(page) ? [{ id: this.created.get(page) }] : [],
          );
          properties[p.name] = { relation: ids };
        }
        if (Object.keys(properties).length === 0) continue;
        try {
          await updatePage(this.ctx, this.viewer, id, parseUpdatePage({ properties }, VERSION));
        } catch (error) {
          this.fail(row.page.file || `${node.file} line ${row.line}`, error);
        }
      }
    }
  }

  /** Phase 4: content, with links to pages of the export pointing at the new pages. */
  async content(): Promise<void> {
    for (const node of walk(this.plan.roots)) {
      if (node.kind !== "page") continue;
      const id = this.created.get(node);
      if (!id || (node.body === "" && node.children.length === 0)) continue;
      try {
        const uploads = await this.uploadAttachments(node);
        await updatePageMarkdown(this.ctx, this.viewer, id, {
          type: "replace_content",
          newStr: this.markdown(node, uploads),
          allowDeleting: false,
        });
      } catch (error) {
        this.fail(node.file, error);
      }
    }
  }

  result(): ImportReport {
    const roots = this.plan.roots.flatMap((node) => {
      const id = this.created.get(node);
      return id ? [{ id, title: node.title, kind: node.kind }] : [];
    });
    return { ...this.report, roots };
  }

  private urlOf(node: PlanNode): string | null {
    const id = this.created.get(node);
    return id ? pageUrl(this.ctx.publicUrl, id, node.title) : null;
  }

  /**
   * A manifest's icon and cover; one exported as a file (`{type: "file", path}`) is uploaded again, and
   * a reference to the exporting workspace's upload (an older export) is dropped, as it names nothing here.
   */
  private async iconAndCover(node: {
    icon: JsonObject | null;
    cover: JsonObject | null;
  }): Promise<JsonObject> {
    const out: JsonObject = {};
    for (const [key, value] of [
      ["icon", node.icon],
      ["cover", node.cover],
    ] as const) {
      if (!value || value.type === "file_upload") continue;
      if (value.type === "file") {
        const path = typeof value.path === "string" ? value.path : "";
        const bytes = this.files.get(path);
        if (!bytes) continue;
        const filename = path.slice(path.lastIndexOf("/") + 1).replace(/^[0-9a-f]{32} /, "");
        const id = await uploadFromBytes(this.ctx, this.viewer, filename, bytes);
        out[key] = { type: "file_upload", file_upload: { id } };
      } else out[key] = value;
    }
    return out;
  }

  /** Media links of a page that name a file of the export (Notion's and Quire's put them in the page's folder). */
  private attachmentLinks(page: PlanPage): Array<{ link: string; path: string; bytes: Uint8Array }> {
    const found = new Map<string, { link: string; path: string; bytes: Uint8Array }>();
    for (const match of page.body.matchAll(MEDIA_LINK)) {
      const link = match[1] ?? match[2] ?? "";
      if (found.has(link) || /^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith("/")) continue;
      const path = resolvePath(page.file, decodePath(link));
      const bytes = this.files.get(path);
      if (bytes) found.set(link, { link, path, bytes });
    }
    return [...found.values()];
  }

  /** Makes an upload of each attachment the page links to; returns each link's upload id. */
  private async uploadAttachments(page: PlanPage): Promise<Map<string, string>> {
    const uploads = new Map<string, string>();
    for (const { link, path, bytes } of this.attachmentLinks(page)) {
      const filename = path.slice(path.lastIndexOf("/") + 1);
      uploads.set(link, await uploadFromBytes(this.ctx, this.viewer, filename, bytes));
    }
    return uploads;
  }

  /** Rewrites a page's markdown: relative links (Notion) and old ids (Quire) name the new pages. */
  private markdown(page: PlanPage, uploads: Map<string, string> = new Map()): string {
    const children = new Set(page.children);
    const linked = new Set<PlanNode>();
    const byFile = (link: string): PlanNode | undefined => {
      const path = resolvePath(page.file, decodePath(link));
      const base = (file: string) => file.replace(/(_all)?\.csv$/i, "");
      return (
        this.plan.pagesByFile.get(path) ??
        [...walk(this.plan.roots)].find((n) => n.kind === "database" && base(n.file) === base(path))
      );
    };
    let body = page.body.replace(
      /^\[([^\]\n]*)\]\(([^)\s]+\.(?:md|csv))\)$/gm,
      (match, label: string, link: string) => {
        const target = byFile(link);
        const url = target && this.urlOf(target);
        if (!target || !url || !children.has(target)) return match;
        linked.add(target);
        const tag = target.kind === "page" ? "page" : "database";
        return `<${tag} url="${url}">${label}</${tag}>`;
      },
    );
    body = body.replace(/\]\(([^)\s]+\.(?:md|csv))\)/g, (match, link: string) => {
      if (/^[a-z]+:/i.test(link)) return match;
      const target = byFile(link);
      const url = target && this.urlOf(target);
      return url ? `](${url})` : match;
    });
    for (const [link, uploadId] of uploads)
      body = body.split(`(${link})`).join(`(file-upload://${uploadId})`);
    for (const [link, uploadId] of uploads)
      body = body.split(`src="${link}"`).join(`src="file-upload://${uploadId}"`);
    body = dropRelativeLinks(replaceIds(body, this.newIds));
    // Sub-pages the content does not place (Notion lists some only as files) go at the end.
    for (const child of page.children) {
      const id = this.created.get(child);
      if (!id || linked.has(child) || body.includes(id.replace(/-/g, ""))) continue;
      const tag = child.kind === "page" ? "page" : "database";
      body += `${body === "" ? "" : "\n"}<${tag} url="${this.urlOf(child) ?? ""}">${child.title}</${tag}>`;
    }
    return body;
  }
}

/** Imports a Quire or Notion "Markdown & CSV" export (a folder or a `.zip`) under a page or the workspace. */
export async function importExport(
  ctx: ServiceContext,
  viewer: Viewer,
  path: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  let parent: JsonObject = { workspace: true };
  if (options.parentId !== undefined) {
    const id = parseId(options.parentId);
    if (!id) throw new ImportInputError(`--parent ${options.parentId} is not a page id.`);
    await loadVisible(ctx.store.db, viewer, id, "page");
    parent = { page_id: id };
  }
  const files = await readExport(path);
  const plan = buildPlan(files);
  const importer = new Importer(ctx, viewer, plan, options, files);
  await importer.check();
  await importer.shells(plan.roots, parent);
  await importer.linkSchemas();
  await importer.relations();
  await importer.content();
  return importer.result();
}
