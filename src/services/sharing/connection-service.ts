import { parseId } from "../../domain/ids.ts";
import { notFound } from "../../errors.ts";
import { ancestry, findBlock } from "../../storage/block-repo.ts";
import { insertGrant } from "../../storage/identity-repo.ts";
import type { IntegrationTable } from "../../storage/schema.ts";
import { AccountError } from "../identity/account-service.ts";
import { type ServiceContext, nowIso } from "../context.ts";

/** A page's connections (docs/web-ui.md): which integrations reach it, and adding or removing one. */

export interface Connection {
  integrationId: string;
  name: string;
  kind: IntegrationTable["kind"];
  /** The page the grant is on: this page or an ancestor it inherits from. */
  viaBlockId: string;
}

/** Integrations with access to a page, directly or through an ancestor (Notion's "Connections" menu). */
export async function connectionsOf(
  ctx: ServiceContext,
  workspaceId: string,
  pageId: string,
): Promise<Connection[]> {
  const db = ctx.database.db;
  const chain = (await ancestry(db, pageId)).map((a) => a.id);
  if (chain.length === 0) return [];
  const rows = await db
    .selectFrom("grants")
    .innerJoin("integrations", "integrations.id", "grants.integrationId")
    .select(["integrations.id as integrationId", "integrations.name", "integrations.kind", "grants.blockId"])
    .where("grants.blockId", "in", chain)
    .where("integrations.workspaceId", "=", workspaceId)
    .execute();
  const seen = new Map<string, Connection>();
  for (const id of chain)
    for (const row of rows.filter((r) => r.blockId === id))
      if (!seen.has(row.integrationId))
        seen.set(row.integrationId, {
          integrationId: row.integrationId,
          name: row.name,
          kind: row.kind,
          viaBlockId: id,
        });
  return [...seen.values()];
}

/** Integrations (internal, and installations of public ones) that a page can be connected to. */
export async function connectableIntegrations(ctx: ServiceContext, workspaceId: string) {
  return ctx.database.db
    .selectFrom("integrations")
    .select(["id", "name", "kind"])
    .where("workspaceId", "=", workspaceId)
    .where("kind", "in", ["internal", "installation"])
    .orderBy("name")
    .execute();
}

export async function connect(
  ctx: ServiceContext,
  workspaceId: string,
  integrationId: string,
  rawPageId: string,
): Promise<void> {
  const pageId = parseId(rawPageId);
  const page = pageId ? await findBlock(ctx.database.db, workspaceId, pageId) : undefined;
  if (!pageId || !page) throw notFound("page", rawPageId);
  const target = await ctx.database.db
    .selectFrom("integrations")
    .select("kind")
    .where("workspaceId", "=", workspaceId)
    .where("id", "=", integrationId)
    .executeTakeFirst();
  if (!target || target.kind === "public") throw new AccountError("No such connection in this workspace.");
  await insertGrant(ctx.database.db, integrationId, pageId, nowIso(ctx));
}

/** Removes the grant on this page; access inherited from an ancestor has to be removed there. */
export async function disconnect(
  ctx: ServiceContext,
  workspaceId: string,
  integrationId: string,
  pageId: string,
): Promise<void> {
  const owned = await ctx.database.db
    .selectFrom("integrations")
    .select("id")
    .where("workspaceId", "=", workspaceId)
    .where("id", "=", integrationId)
    .executeTakeFirst();
  if (!owned) throw new AccountError("No such connection in this workspace.");
  await ctx.database.db
    .deleteFrom("grants")
    .where("integrationId", "=", integrationId)
    .where("blockId", "=", pageId)
    .execute();
}
