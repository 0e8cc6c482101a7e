import { TOOLS_VERSION } from "../../domain/versions.ts";
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
import { type Plan, type PlanDatabase, type PlanNode, buildPlan, walkPlan } from "./import-plan.ts";
import { type ExportFiles, ImportInputError, readExport } from "./read-input.ts";
import {
  PLACEHOLDER_UPLOAD,
  attachmentLinks,
  dropRelativeLinks,
  iconAndCover,
  uploadAttachments,
  withUploads,
} from "./import-files.ts";
// An export is re-created through the same request schemas as the API's pages endpoints.
import { parseCreatePage, parseUpdatePage } from "../../routes/pages/schema.ts";
import { pageMarkdown } from "./import-links.ts";
import { LINKED_TYPES, propertyRequest, relationTargets, rowValues } from "./import-values.ts";

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

function text(content: string): JsonObject[] {
  return content === "" ? [] : [{ text: { content: content.slice(0, 2000) } }];
}

class Importer {
  readonly report: ImportReport;
  /** Old compact id → new id, for links and mentions. */
  readonly newIds = new Map<string, string>();
  readonly created = new Map<PlanNode, string>();
  private readonly sources = new Map<PlanDatabase, string>();
  private users = new Map<string, string>();
  private done = 0;
  private total = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly viewer: Viewer,
    readonly plan: Plan,
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
    for (const node of walkPlan(this.plan.roots)) {
      if (node.kind === "page") {
        this.total++;
        try {
          const placeholders = new Map(
            attachmentLinks(node, this.files).map((l) => [l.link, PLACEHOLDER_UPLOAD]),
          );
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
              ...(await iconAndCover(this.ctx, this.viewer, this.files, node)),
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
          ...(await iconAndCover(this.ctx, this.viewer, this.files, node)),
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
            ...(await iconAndCover(this.ctx, this.viewer, this.files, row.page)),
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
    return [...walkPlan(this.plan.roots)].filter(
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
    for (const node of walkPlan(this.plan.roots)) {
      if (node.kind !== "page") continue;
      const id = this.created.get(node);
      if (!id || (node.body === "" && node.children.length === 0)) continue;
      try {
        const uploads = await uploadAttachments(this.ctx, this.viewer, this.files, node);
        await updatePageMarkdown(this.ctx, this.viewer, id, {
          type: "replace_content",
          newStr: pageMarkdown(node, this, uploads),
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

  urlOf(node: PlanNode): string | null {
    const id = this.created.get(node);
    return id ? pageUrl(this.ctx.publicUrl, id, node.title) : null;
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
