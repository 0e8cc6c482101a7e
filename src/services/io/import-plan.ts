import { parseCsv } from "../../domain/io/csv.ts";
import { inferColumnType } from "../../domain/io/cell-parse.ts";
import { splitBaseName } from "../../domain/io/file-names.ts";
import { isObject, type JsonObject } from "../../domain/validation.ts";
import { MANIFEST_FILE, type Manifest, type ManifestSource } from "./manifest.ts";
import { type ExportFiles, ImportInputError } from "./read-input.ts";

/** An export read and checked: the tree of pages, databases and rows to create. */

export interface PlanPage {
  kind: "page";
  file: string;
  oldId: string | null;
  title: string;
  icon: JsonObject | null;
  cover: JsonObject | null;
  body: string;
  children: PlanNode[];
}

export interface PlanProperty {
  name: string;
  type: string;
  config: JsonObject;
  /** Old id of the property (Quire exports), to pair two sides of a dual relation. */
  oldId: string | null;
}

export interface PlanRow {
  line: number;
  cells: Map<string, string>;
  page: PlanPage;
}

export interface PlanDatabase {
  kind: "database";
  file: string;
  oldId: string | null;
  oldSourceId: string | null;
  title: string;
  richTitle: JsonObject[] | null;
  description: JsonObject[];
  isInline: boolean;
  icon: JsonObject | null;
  cover: JsonObject | null;
  properties: PlanProperty[];
  rows: PlanRow[];
  /** Notion exports: the file each relation column links into. */
  relationTargets: Map<string, string>;
}

export type PlanNode = PlanPage | PlanDatabase;

export interface Plan {
  roots: PlanNode[];
  fromQuire: boolean;
  /** Every page and row by its file path (for links) and old id. */
  pagesByFile: Map<string, PlanPage>;
  nodesById: Map<string, PlanNode>;
  skipped: string[];
}

const decoder = new TextDecoder("utf-8");

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

const PROPERTY_LINE = /^([^:\n]{1,100}): (.*)$/;

/** `# Title`, then (for rows) Notion's `Property: value` lines, then the content. */
export function splitPage(text: string, fallback: string, propertyNames: Set<string> | null) {
  const lines = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n/g, "\n")
    .split("\n");
  let i = 0;
  let title = fallback;
  const heading = /^# (.*)$/.exec(lines[0] ?? "");
  if (heading) {
    title = (heading[1] as string).trim();
    i = 1;
  }
  if (propertyNames) {
    let j = i;
    while (j < lines.length && lines[j]?.trim() === "") j++;
    let k = j;
    while (k < lines.length && propertyNames.has(PROPERTY_LINE.exec(lines[k] ?? "")?.[1] ?? "\0")) k++;
    if (k > j) i = k;
  }
  while (i < lines.length && lines[i]?.trim() === "") i++;
  return { title, body: lines.slice(i).join("\n").replace(/\s+$/, "") };
}

function schemaOf(source: ManifestSource): PlanProperty[] {
  return Object.values(source.properties).map((p) => ({
    name: String(p.name),
    type: String(p.type),
    config: isObject(p[String(p.type)]) ? (p[String(p.type)] as JsonObject) : {},
    oldId: typeof p.id === "string" ? p.id : null,
  }));
}

/** Every node of a plan, parents before their children, a database's rows after it. */
export function* walkPlan(nodes: PlanNode[]): Generator<PlanNode> {
  for (const node of nodes) {
    yield node;
    if (node.kind === "page") yield* walkPlan(node.children);
    else for (const row of node.rows) yield* walkPlan([row.page]);
  }
}

export function buildPlan(files: ExportFiles): Plan {
  const manifestBytes = files.get(MANIFEST_FILE);
  let manifest: Manifest | null = null;
  if (manifestBytes) {
    try {
      manifest = JSON.parse(decoder.decode(manifestBytes)) as Manifest;
    } catch (error) {
      throw new ImportInputError(`${MANIFEST_FILE} is not valid JSON (${(error as Error).message}).`);
    }
    if (manifest.format !== "quire-export")
      throw new ImportInputError(`${MANIFEST_FILE} is not a Quire export manifest.`);
  }
  const skipped: string[] = [];
  const csvs = new Map<string, string>();
  const mds = new Map<string, string>();
  for (const path of [...files.keys()].sort()) {
    if (path === MANIFEST_FILE) continue;
    if (/\.csv$/i.test(path)) {
      const base = path.slice(0, -4);
      if (base.endsWith("_all")) csvs.set(base.slice(0, -4), path);
      else if (!csvs.has(base)) csvs.set(base, path);
    } else if (/\.md$/i.test(path)) mds.set(path.slice(0, -3), path);
    else skipped.push(path);
  }
  const pages = new Map<string, PlanPage>();
  const databases = new Map<string, PlanDatabase>();
  const manifestSources = new Map<
    string,
    { db: Manifest["databases"][string]; dbId: string; source: ManifestSource }
  >();
  for (const [dbId, db] of Object.entries(manifest?.databases ?? {}))
    for (const source of db.sources) manifestSources.set(source.csv.slice(0, -4), { db, dbId, source });

  for (const [base, file] of csvs) {
    const { title, id } = splitBaseName(nameOf(base));
    let table: string[][];
    try {
      table = parseCsv(decoder.decode(files.get(file)));
    } catch (error) {
      throw new ImportInputError(`${file}: ${(error as Error).message}.`);
    }
    const header = table[0];
    if (!header || header.length === 0 || header.every((h) => h.trim() === ""))
      throw new ImportInputError(`${file} has no header row.`);
    const body = table.slice(1);
    body.forEach((row, i) => {
      if (row.length !== header.length)
        throw new ImportInputError(
          `${file} line ${i + 2}: ${row.length} cells, but the header has ${header.length}.`,
        );
    });
    const known = manifestSources.get(base);
    const properties: PlanProperty[] = known
      ? schemaOf(known.source)
      : header.map((name, i) => ({
          name,
          type: i === 0 ? "title" : inferColumnType(body.map((r) => r[i] ?? "")),
          config: {},
          oldId: null,
        }));
    if (known) {
      const missing = header.filter((h) => !properties.some((p) => p.name === h));
      if (missing.length > 0)
        throw new ImportInputError(`${file}: columns ${missing.join(", ")} are not in ${MANIFEST_FILE}.`);
      if (known.source.rows.length !== body.length)
        throw new ImportInputError(
          `${file} has ${body.length} rows, but ${MANIFEST_FILE} lists ${known.source.rows.length}.`,
        );
    }
    const titleName = properties.find((p) => p.type === "title")?.name ?? header[0];
    const rows: PlanRow[] = body.map((cells, i) => {
      const map = new Map(header.map((h, j) => [h, cells[j] ?? ""]));
      const rowId = known?.source.rows[i] ?? null;
      return {
        line: i + 2,
        cells: map,
        page: {
          kind: "page",
          file: "",
          oldId: rowId,
          title: map.get(titleName ?? "") ?? "",
          icon: null,
          cover: null,
          body: "",
          children: [],
        },
      };
    });
    databases.set(base, {
      kind: "database",
      file,
      oldId: known ? known.dbId : id,
      oldSourceId: known?.source.id ?? null,
      title: title,
      richTitle: known ? known.db.title : null,
      description: known?.db.description ?? [],
      isInline: known?.db.isInline ?? false,
      icon: known?.db.icon ?? null,
      cover: known?.db.cover ?? null,
      properties,
      rows,
      relationTargets: new Map(),
    });
  }

  const nodesById = new Map<string, PlanNode>();
  const pagesByFile = new Map<string, PlanPage>();
  for (const [base, file] of mds) {
    if (csvs.has(base)) continue;
    const { title: nameTitle, id } = splitBaseName(nameOf(base));
    const parentDb = databases.get(dirOf(base));
    const names = parentDb ? new Set(parentDb.properties.map((p) => p.name)) : null;
    const { title, body } = splitPage(decoder.decode(files.get(file)), nameTitle, names);
    const extra = id ? manifest?.pages[id] : undefined;
    let page: PlanPage = {
      kind: "page",
      file,
      oldId: id,
      title,
      icon: extra?.icon ?? null,
      cover: extra?.cover ?? null,
      body,
      children: [],
    };
    if (parentDb) {
      const row =
        (id && parentDb.rows.find((r) => r.page.oldId === id && r.page.file === "")) ??
        parentDb.rows.find(
          (r) => r.page.file === "" && r.page.oldId === null && r.page.title.trim() === title.trim(),
        );
      if (!row)
        throw new ImportInputError(`${file} is in the folder of ${parentDb.file} but has no row in it.`);
      row.page = { ...page, title: row.page.title, oldId: id ?? row.page.oldId };
      page = row.page;
    }
    pages.set(base, page);
    pagesByFile.set(file, page);
  }

  const roots: PlanNode[] = [];
  const attach = (base: string, node: PlanNode) => {
    const parent = pages.get(dirOf(base));
    if (node.kind === "page" && databases.has(dirOf(base))) return;
    if (parent) parent.children.push(node);
    else roots.push(node);
  };
  for (const [base, node] of [...pages, ...databases].sort((a, b) => a[0].localeCompare(b[0])))
    attach(base, node);
  for (const node of [...pages.values(), ...databases.values()])
    if (node.oldId) nodesById.set(node.oldId, node);
  for (const db of databases.values())
    for (const row of db.rows) if (row.page.oldId) nodesById.set(row.page.oldId, row.page);
  if (manifest) {
    // A Quire export lists pages in workspace order; keep it for the top level.
    const order = new Map(Object.keys({ ...manifest.pages, ...manifest.databases }).map((id, i) => [id, i]));
    roots.sort((a, b) => (order.get(a.oldId ?? "") ?? 1e9) - (order.get(b.oldId ?? "") ?? 1e9));
  }
  return { roots, fromQuire: manifest !== null, pagesByFile, nodesById, skipped };
}
