import { TOOLS_VERSION } from "../../domain/versions.ts";
import { ApiError } from "../../errors.ts";
import { newId } from "../../domain/ids.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { appendBlockChildren } from "../blocks/block-service.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import { createDatabase } from "../databases/database-service.ts";
import { parseCreateDatabase } from "../../routes/databases/schema.ts";
import { parseUpdateDataSource } from "../../routes/data-sources/schema.ts";
import { createPage, updatePage } from "../pages/page-service.ts";
import { updateDataSource } from "../data-sources/data-source-service.ts";
import { hashToken } from "../identity/tokens.ts";
import type { Viewer } from "../access/viewer.ts";
// A seed is applied through the same request schemas as the API's pages endpoints.
import { parseCreatePage, parseUpdatePage } from "../../routes/pages/schema.ts";
import { createIntegration, shareWithIntegration } from "../identity/workspace-service.ts";
import {
  findWorkspace,
  insertUser,
  renameWorkspace,
  setIntegrationTokenHash,
} from "../../storage/identity-repo.ts";
import {
  type Seed,
  type SeedDatabase,
  type SeedPage,
  type SeedRow,
  SeedError,
  seedDatabases,
} from "./seed-format.ts";
import {
  LINKED_TYPES,
  type Resolver,
  block,
  cover,
  icon,
  propertySchema,
  propertyValue,
  richText,
} from "./shorthand.ts";

/** What a seed created, by the keys and names it used. */
export interface SeedResult {
  /** Seed key → id of the page, database or row. */
  ids: Record<string, string>;
  /** Database key → id of its data source. */
  dataSources: Record<string, string>;
  /** User key (or email) → user id. */
  users: Record<string, string>;
  /** Integration name → its token. */
  integrations: Record<string, string>;
}

const VERSION = TOOLS_VERSION;
/** The API's limit for one append; longer content goes in several. */
const APPEND_LIMIT = 100;

/** Runs a service call on behalf of the seed, naming the seed path when it refuses. */
async function at<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) throw new SeedError([`${path}: ${error.message}`]);
    throw error;
  }
}

/**
 * Applies a seed to a workspace through the same services the API uses, as its owner: every value is
 * validated as if a client had sent it, and computed values (formulas, rollups, twins) are Quire's own.
 */
export async function applySeed(
  ctx: ServiceContext,
  target: { workspaceId: string; ownerId: string },
  seed: Seed,
): Promise<SeedResult> {
  const result: SeedResult = { ids: {}, dataSources: {}, users: {}, integrations: {} };
  const db = ctx.store.db;
  const workspace = await findWorkspace(db, target.workspaceId);
  if (!workspace) throw new Error(`workspace ${target.workspaceId} does not exist`);
  if (seed.workspace.name !== undefined) {
    await renameWorkspace(db, workspace.id, seed.workspace.name);
  }
  const viewer: Viewer = {
    workspaceId: workspace.id,
    workspaceName: seed.workspace.name ?? workspace.name,
    userId: target.ownerId,
    integration: null,
  };
  result.users["owner"] = target.ownerId;
  for (const user of seed.users) {
    const id = newId();
    await insertUser(db, {
      id,
      workspaceId: workspace.id,
      type: "person",
      name: user.name,
      avatarUrl: null,
      email: user.email ?? null,
      createdTime: nowIso(ctx),
    });
    if (user.key) result.users[user.key] = id;
    if (user.email) result.users[user.email] = id;
  }
  const resolve: Resolver = {
    object: (key) => result.ids[key],
    dataSource: (key) => result.dataSources[key],
    user: (key) => result.users[key],
  };
  const run: Run = { ctx, viewer, resolve, result, content: [], sources: new Map(), rows: new Map() };

  for (const page of seed.pages) await createPageTree(run, page, null);
  for (const database of seed.databases) await createDatabaseShell(run, database, null);
  const databases = seedDatabases(seed);
  await linkSchemas(run, databases);
  for (const database of databases) {
    for (const row of database.rows) await createRow(run, database, row);
  }
  for (const database of databases) {
    for (const row of database.rows) await linkRow(run, database, row);
  }
  for (const { id, blocks, path } of run.content) {
    // Content goes above the page's child pages and databases, which already exist.
    let afterId: string | null = null;
    const converted = blocks.map((b) => block(b, resolve));
    for (let start = 0; start < converted.length; start += APPEND_LIMIT) {
      const children = converted.slice(start, start + APPEND_LIMIT);
      const position: "after_block" | "start" = afterId ? "after_block" : "start";
      const anchor: string | null = afterId;
      const created: { id: string }[] = await at(`${path}.content`, () =>
        appendBlockChildren(ctx, viewer, id, { children, afterId: anchor, position }),
      );
      afterId = created.at(-1)?.id ?? afterId;
    }
  }
  for (const integration of seed.integrations) {
    const created = await createIntegration(ctx, workspace.id, {
      name: integration.name,
      capabilities: integration.capabilities,
      ownerUserId: target.ownerId,
    });
    let token = created.token;
    if (integration.token) {
      token = integration.token;
      await setIntegrationTokenHash(db, created.integration.id, hashToken(token));
    }
    result.integrations[integration.name] = token;
    for (const [i, key] of integration.share.entries()) {
      await at(`${integration.path}.share[${i}]`, () =>
        shareWithIntegration(ctx, workspace.id, integration.name, result.ids[key] ?? key),
      );
    }
  }
  return result;
}

interface Run {
  ctx: ServiceContext;
  viewer: Viewer;
  resolve: Resolver;
  result: SeedResult;
  /** Content is appended once every page exists, so links and mentions can point anywhere in the seed. */
  content: { id: string; blocks: unknown[]; path: string }[];
  sources: Map<SeedDatabase, string>;
  rows: Map<SeedRow, string>;
}

function decoration(value: { icon: string | undefined; cover?: string | undefined }): JsonObject {
  return {
    ...(value.icon ? { icon: icon(value.icon) } : {}),
    ...(value.cover ? { cover: cover(value.cover) } : {}),
  };
}

async function createPageTree(run: Run, page: SeedPage, parentId: string | null): Promise<void> {
  const view = await at(page.path, () =>
    createPage(
      run.ctx,
      run.viewer,
      parseCreatePage({
        parent: parentId ? { page_id: parentId } : { workspace: true },
        properties: { title: { title: richText(page.title) } },
        ...decoration(page),
      }),
    ),
  );
  const id = view.page.id;
  if (page.key) run.result.ids[page.key] = id;
  if (page.content.length > 0) run.content.push({ id, blocks: page.content, path: page.path });
  for (const child of page.pages) await createPageTree(run, child, id);
  for (const database of page.databases) await createDatabaseShell(run, database, id);
}

/** A database with its plain properties; relations, rollups and formulas come once all databases exist. */
async function createDatabaseShell(run: Run, database: SeedDatabase, parentId: string | null): Promise<void> {
  const properties: JsonObject = {};
  for (const [name, definition] of Object.entries(database.properties)) {
    if (!LINKED_TYPES.includes(String(definition.type)))
      properties[name] = propertySchema(definition, run.resolve);
  }
  const view = await at(database.path, () =>
    createDatabase(
      run.ctx,
      run.viewer,
      parseCreateDatabase(
        {
          parent: parentId ? { type: "page_id", page_id: parentId } : { type: "workspace", workspace: true },
          title: richText(database.title),
          ...(database.description ? { description: richText(database.description) } : {}),
          is_inline: database.inline,
          ...decoration(database),
          initial_data_source: { properties },
        },
        VERSION,
      ),
    ),
  );
  const source = view.sources[0];
  if (!source) throw new Error("a new database has no data source");
  if (database.key) {
    run.result.ids[database.key] = view.block.id;
    run.result.dataSources[database.key] = source.id;
  }
  run.sources.set(database, source.id);
}

function rowProperties(run: Run, database: SeedDatabase, row: SeedRow, relations: boolean): JsonObject {
  const properties: JsonObject = {};
  for (const [name, value] of Object.entries(row.properties)) {
    const type = String(database.properties[name]?.type);
    if ((type === "relation") === relations) properties[name] = propertyValue(type, value, run.resolve);
  }
  return properties;
}

async function createRow(run: Run, database: SeedDatabase, row: SeedRow): Promise<void> {
  const sourceId = run.sources.get(database) ?? "";
  const view = await at(row.path, () =>
    createPage(
      run.ctx,
      run.viewer,
      parseCreatePage({
        parent: { data_source_id: sourceId },
        properties: rowProperties(run, database, row, false),
        ...decoration(row),
      }),
    ),
  );
  if (row.key) run.result.ids[row.key] = view.page.id;
  run.rows.set(row, view.page.id);
  if (row.content.length > 0) run.content.push({ id: view.page.id, blocks: row.content, path: row.path });
}

/** Relation values, once every row they may point at exists. */
async function linkRow(run: Run, database: SeedDatabase, row: SeedRow): Promise<void> {
  const properties = rowProperties(run, database, row, true);
  if (Object.keys(properties).length === 0) return;
  const id = run.rows.get(row) ?? "";
  await at(`${row.path}.properties`, () =>
    updatePage(run.ctx, run.viewer, id, parseUpdatePage({ properties }, VERSION)),
  );
}

function updateSchema(run: Run, database: SeedDatabase, properties: JsonObject) {
  const { ctx, viewer } = run;
  return updateDataSource(
    ctx,
    viewer,
    run.sources.get(database) ?? "",
    parseUpdateDataSource({ properties }, VERSION),
  );
}

/**
 * Relations first (they only need the other data source), then formulas and rollups, which may read
 * relations, each other, or properties of another database: those are retried while any progress is
 * made, so the seed need not list them in dependency order.
 */
async function linkSchemas(run: Run, databases: SeedDatabase[]): Promise<void> {
  let pending: { database: SeedDatabase; name: string; definition: JsonObject }[] = [];
  for (const database of databases) {
    const relations: JsonObject = {};
    for (const [name, definition] of Object.entries(database.properties)) {
      if (definition.type === "relation") relations[name] = propertySchema(definition, run.resolve);
      else if (LINKED_TYPES.includes(String(definition.type))) pending.push({ database, name, definition });
    }
    if (Object.keys(relations).length > 0)
      await at(`${database.path}.properties`, () => updateSchema(run, database, relations));
  }
  while (pending.length > 0) {
    const failed: typeof pending = [];
    let lastError: SeedError | undefined;
    for (const entry of pending) {
      try {
        await at(`${entry.database.path}.properties.${entry.name}`, () =>
          updateSchema(run, entry.database, { [entry.name]: propertySchema(entry.definition, run.resolve) }),
        );
      } catch (error) {
        if (!(error instanceof SeedError)) throw error;
        failed.push(entry);
        lastError = error;
      }
    }
    if (failed.length === pending.length && lastError) throw lastError;
    pending = failed;
  }
}
