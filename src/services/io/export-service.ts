import { TOOLS_VERSION } from "../../domain/versions.ts";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { formatCell } from "../../domain/io/cell-format.ts";
import { writeCsv } from "../../domain/io/csv.ts";
import { baseName, encodePath } from "../../domain/io/file-names.ts";
import { compactId } from "../../domain/ids.ts";
import { presentSchema } from "../../domain/properties/index.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import type { RenderBlock } from "../../domain/markdown/index.ts";
import { isObject, type JsonObject } from "../../domain/validation.ts";
import { pageTitle } from "../../domain/page-title.ts";
import { presentRowProperties } from "../../domain/properties/row-present.ts";
import { type BlockRecord, findBlocks } from "../../storage/block-repo.ts";
import type { ServiceContext } from "../context.ts";
import { loadDatabase } from "../databases/database-service.ts";
import { renderPageMarkdown } from "../markdown/markdown-service.ts";
import type { Viewer } from "../access/viewer.ts";
import { countPages, sourceRows, userNames, workspaceTopLevel } from "../../storage/export-repo.ts";
import { copyUploadTo } from "../files/file-copies.ts";
import { MANIFEST_FILE, type Manifest } from "./manifest.ts";

export interface ExportSummary {
  pages: number;
  databases: number;
  files: number;
}

export type Progress = (done: number, total: number) => void;

interface RowInfo {
  schema: PropertySchema[];
  cells: string[];
}

/** Where related rows were written, for `Title (path)` relation cells. */
type Paths = Map<string, { title: string; path: string }>;

class Exporter {
  readonly manifest: Manifest;
  readonly summary: ExportSummary = { pages: 0, databases: 0, files: 0 };
  private readonly paths: Paths = new Map();
  private users = new Map<string, string>();
  private total = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly viewer: Viewer,
    private readonly dir: string,
    private readonly progress: Progress | undefined,
  ) {
    this.manifest = {
      format: "quire-export",
      version: 1,
      exportedAt: ctx.clock().toISOString(),
      pages: {},
      databases: {},
    };
  }

  async run(): Promise<void> {
    const db = this.ctx.store.db;
    this.users = await userNames(db, this.viewer.workspaceId);
    this.total = await countPages(db, this.viewer.workspaceId);
    for (const block of await workspaceTopLevel(db, this.viewer.workspaceId)) await this.node(block, "");
    await this.write(MANIFEST_FILE, `${JSON.stringify(this.manifest, null, 2)}\n`);
  }

  private async write(path: string, text: string): Promise<void> {
    const full = join(this.dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, text);
    this.summary.files++;
  }

  private async node(block: BlockRecord, folder: string): Promise<void> {
    if (block.type === "child_database") await this.database(block, folder);
    else await this.page(block, folder, null);
  }

  private async page(block: BlockRecord, folder: string, row: RowInfo | null): Promise<void> {
    const title = pageTitle(block);
    const base = folder + baseName(title, block.id);
    const rendered = await renderPageMarkdown(this.ctx, this.viewer, block);
    const { tree } = rendered;
    const markdown = await this.attachments(rendered.markdown, base);
    const lines = [`# ${title}`, ""];
    if (row) {
      // Notion's export: `Property: value` lines after the title of a database row (title excluded).
      const props = row.schema.flatMap((p, i) =>
        p.type === "title" || !row.cells[i]
          ? []
          : [`${p.name}: ${(row.cells[i] as string).replace(/\r?\n/g, " ")}`],
      );
      if (props.length > 0) lines.push(...props, "");
    }
    await this.write(`${base}.md`, `${lines.join("\n")}\n${markdown}${markdown.endsWith("\n") ? "" : "\n"}`);
    this.manifest.pages[compactId(block.id)] = {
      path: `${base}.md`,
      icon: await this.fileOf(block.icon, base),
      cover: await this.fileOf(block.cover, base),
    };
    this.summary.pages++;
    this.progress?.(this.summary.pages, this.total);
    const children = [...subObjects(tree)];
    if (children.length === 0) return;
    const db = this.ctx.store.db;
    const found = await findBlocks(db, this.viewer.workspaceId, children);
    const byId = new Map(found.map((b) => [b.id, b]));
    for (const id of children) {
      const child = byId.get(id);
      if (child && !child.inTrash) await this.node(child, `${base}/`);
    }
  }

  /**
   * Files the page holds (`file-upload://<id>` in its markdown) are written into the page's folder,
   * named by their filename, and linked relatively, as Notion's export places images and attachments.
   */
  private async attachments(markdown: string, base: string): Promise<string> {
    const ids = [
      ...new Set([...markdown.matchAll(/file-upload:\/\/([0-9a-f-]{36})/g)].map((m) => m[1] ?? "")),
    ];
    const used = new Set<string>();
    let out = markdown;
    for (const id of ids) {
      const folder = base.slice(base.lastIndexOf("/") + 1);
      const staged = `${base}/.${id}`;
      const filename = await copyUploadTo(this.ctx, this.viewer, id, join(this.dir, staged));
      if (filename === null) continue;
      const safe =
        filename
          .replace(/[/\\:*?"<>|]/g, " ")
          .replace(/\p{Cc}/gu, " ")
          .trim() || "file";
      const name = used.has(safe) ? `${compactId(id)} ${safe}` : safe;
      used.add(name);
      await rename(join(this.dir, staged), join(this.dir, base, name));
      this.summary.files++;
      out = out.split(`file-upload://${id}`).join(encodePath(`${folder}/${name}`));
    }
    return out;
  }

  /**
   * An icon or cover Quire holds is written into the page's folder and recorded in the manifest as
   * `{type: "file", path}` (relative to the export), which `quire import` uploads again; others as stored.
   */
  private async fileOf(value: JsonObject | null, base: string): Promise<JsonObject | null> {
    const upload =
      value?.type === "file_upload" && isObject(value.file_upload) ? value.file_upload.id : undefined;
    if (typeof upload !== "string") return value;
    const staged = `${base}/.${upload}`;
    const filename = await copyUploadTo(this.ctx, this.viewer, upload, join(this.dir, staged));
    if (filename === null) return null;
    const path = `${base}/${compactId(upload)} ${filename.replace(/[/\\:*?"<>|]/g, " ").trim() || "file"}`;
    await rename(join(this.dir, staged), join(this.dir, path));
    this.summary.files++;
    return { type: "file", path };
  }

  private async database(block: BlockRecord, folder: string): Promise<void> {
    const db = this.ctx.store.db;
    const view = await loadDatabase(db, this.viewer, block.id);
    const title = view.fields.title
      .map((t) => (isObject(t) && typeof t.plain_text === "string" ? t.plain_text : ""))
      .join("");
    const path = folder + baseName(title, block.id);
    const entry = {
      path,
      title: view.fields.title as JsonObject[],
      description: view.fields.description as JsonObject[],
      isInline: view.fields.isInline,
      icon: await this.fileOf(block.icon, path),
      cover: await this.fileOf(block.cover, path),
      sources: [] as Manifest["databases"][string]["sources"],
    };
    this.manifest.databases[compactId(block.id)] = entry;
    this.summary.databases++;
    const sources = view.sources.map((source, i) => ({
      source,
      base:
        i === 0
          ? entry.path
          : folder +
            baseName(source.title.map((t) => String((t as JsonObject).plain_text ?? "")).join(""), source.id),
      rows: [] as BlockRecord[],
    }));
    // Paths of every row first, so relations between these sources can name them.
    for (const s of sources) {
      s.rows = await sourceRows(db, s.source.id);
      for (const row of s.rows)
        this.paths.set(row.id, {
          title: pageTitle(row),
          path: `${s.base}/${baseName(pageTitle(row), row.id)}.md`,
        });
    }
    for (const { source, base, rows } of sources) {
      const schema = [...source.schema].sort(
        (a, b) => Number(b.type === "title") - Number(a.type === "title"),
      );
      const table = [schema.map((p) => p.name)];
      const cells = rows.map((row) => this.cells(schema, row));
      table.push(...cells);
      const csv = writeCsv(table);
      // Notion writes the view's rows to `X.csv` and every row to `X_all.csv`; an export has no views.
      await this.write(`${base}.csv`, `\uFEFF${csv}`);
      await this.write(`${base}_all.csv`, `\uFEFF${csv}`);
      entry.sources.push({
        id: compactId(source.id),
        csv: `${base}.csv`,
        title: source.title as JsonObject[],
        properties: presentSchema(source.schema, TOOLS_VERSION) as Record<string, JsonObject>,
        rows: rows.map((r) => compactId(r.id)),
      });
      for (const [i, row] of rows.entries())
        await this.page(row, `${base}/`, { schema, cells: cells[i] as string[] });
    }
  }

  private cells(schema: PropertySchema[], row: BlockRecord): string[] {
    const presented = presentRowProperties(schema, row) as Record<string, JsonObject>;
    const context = {
      userName: (id: string) => this.users.get(id) ?? id,
      relationText: (id: string) => {
        const target = this.paths.get(id);
        return target
          ? `${target.title} (${encodePath(target.path)})`
          : `${compactId(id)} (${compactId(id)})`;
      },
    };
    return schema.map((p) => {
      const value = p.type === "relation" ? row.properties?.[p.id] : presented[p.name]?.[p.type];
      return formatCell(p.type, value, context);
    });
  }
}

/** Child pages and databases anywhere in a page's content (in columns, toggles…), in order. */
function* subObjects(tree: RenderBlock[]): Generator<string> {
  for (const block of tree) {
    if (block.type === "child_page" || block.type === "child_database") yield block.id;
    else yield* subObjects(block.children);
  }
}

/** Writes the whole workspace the viewer sees to `dir` in Notion's "Markdown & CSV" layout. */
export async function exportWorkspace(
  ctx: ServiceContext,
  viewer: Viewer,
  dir: string,
  progress?: Progress,
): Promise<ExportSummary> {
  const exporter = new Exporter(ctx, viewer, dir, progress);
  await exporter.run();
  return exporter.summary;
}
