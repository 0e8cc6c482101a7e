import { pageUrl } from "../domain/urls.ts";
import { TOOLS_VERSION } from "../domain/versions.ts";
import { ApiError } from "../errors.ts";
import { presentDataSource, presentDatabase } from "../presenters/present-database.ts";
import { presentPage } from "../presenters/present-page.ts";
import type { Viewer } from "../services/access/viewer.ts";
import type { ServiceContext } from "../services/context.ts";
import { getDataSource } from "../services/data-sources/data-source-service.ts";
import { getDatabase } from "../services/databases/database-service.ts";
import { fileLinks } from "../services/files/file-links.ts";
import { getPage } from "../services/pages/page-service.ts";
import type { PageView } from "../services/pages/page-types.ts";
import { isRecord } from "./args.ts";
import type { SchemaProperty } from "./sqlite-values.ts";

/**
 * What the tools read of the workspace, through the same services and presenters as the REST API (at
 * the version Quire's own tools use), so a tool sees exactly what a REST call by the same token sees.
 */
export type Wire = Record<string, unknown>;

export type Found =
  { kind: "page"; json: Wire } | { kind: "database"; json: Wire } | { kind: "data_source"; json: Wire };

export const VERSION = TOOLS_VERSION;

export async function presentPageView(ctx: ServiceContext, view: PageView): Promise<Wire> {
  return presentPage(view, VERSION, ctx.publicUrl, await fileLinks(ctx)) as Wire;
}

export async function readPage(ctx: ServiceContext, viewer: Viewer, id: string): Promise<Wire> {
  return presentPageView(ctx, await getPage(ctx, viewer, id));
}

export async function readDataSource(ctx: ServiceContext, viewer: Viewer, id: string): Promise<Wire> {
  return presentDataSource(
    await getDataSource(ctx, viewer, id),
    VERSION,
    ctx.publicUrl,
    await fileLinks(ctx),
  );
}

export async function readDatabase(ctx: ServiceContext, viewer: Viewer, id: string): Promise<Wire> {
  return presentDatabase(
    await getDatabase(ctx, viewer, id, VERSION),
    VERSION,
    ctx.publicUrl,
    await fileLinks(ctx),
  );
}

async function orMissing<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ApiError && error.code === "object_not_found") return undefined;
    throw error;
  }
}

/** An id the caller gave without saying what it names: a page, then a data source, then a database. */
export async function findObject(
  ctx: ServiceContext,
  viewer: Viewer,
  id: string,
  preferSource = false,
): Promise<Found> {
  const source = async () => {
    const json = await orMissing(() => readDataSource(ctx, viewer, id));
    return json && ({ kind: "data_source", json } as const);
  };
  if (preferSource) {
    const found = await source();
    if (found) return found;
  }
  const page = await orMissing(() => readPage(ctx, viewer, id));
  if (page) return { kind: "page", json: page };
  const found = preferSource ? undefined : await source();
  if (found) return found;
  const database = await orMissing(() => readDatabase(ctx, viewer, id));
  if (database) return { kind: "database", json: database };
  // The page's 404, with its wording (and the integration's name when the caller is one).
  await readPage(ctx, viewer, id);
  throw new Error("unreachable: readPage found what it did not find before");
}

/** A data source's schema (wire `properties`) as name and type pairs. */
export function schemaOf(dataSource: Wire): SchemaProperty[] {
  const properties = isRecord(dataSource.properties) ? dataSource.properties : {};
  return Object.entries(properties).flatMap(([name, p]) =>
    isRecord(p) && typeof p.type === "string" ? [{ name, type: p.type }] : [],
  );
}

export function plainText(items: unknown): string {
  if (!Array.isArray(items)) return "";
  return items.map((i) => (isRecord(i) && typeof i.plain_text === "string" ? i.plain_text : "")).join("");
}

/** A page's title: the value of its title property. */
export function pageTitleOf(page: Wire): string {
  const properties = isRecord(page.properties) ? page.properties : {};
  for (const value of Object.values(properties))
    if (isRecord(value) && value.type === "title") return plainText(value.title);
  return "";
}

export function urlOf(ctx: ServiceContext, id: string, title = ""): string {
  return pageUrl(ctx.publicUrl, id, title);
}
