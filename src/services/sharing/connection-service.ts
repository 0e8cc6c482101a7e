import { parseId } from "../../domain/ids.ts";
import { notFound } from "../../errors.ts";
import { ancestry, findBlock } from "../../storage/block-repo.ts";
import {
  type IntegrationName,
  connectableIntegrationsOf,
  deleteGrant,
  grantsOnBlocks,
  integrationKindIn,
} from "../../storage/connection-repo.ts";
import { insertGrant } from "../../storage/identity-repo.ts";
import { AccountError } from "../identity/account-service.ts";
import { type ServiceContext, nowIso } from "../context.ts";

/** A page's connections (docs/web-ui.md): which integrations reach it, and adding or removing one. */

export interface Connection {
  integrationId: string;
  name: string;
  kind: IntegrationName["kind"];
  /** The page the grant is on: this page or an ancestor it inherits from. */
  viaBlockId: string;
}

/** Integrations with access to a page, directly or through an ancestor (Notion's "Connections" menu). */
export async function connectionsOf(
  ctx: ServiceContext,
  workspaceId: string,
  pageId: string,
): Promise<Connection[]> {
  const db = ctx.store.db;
  const chain = (await ancestry(db, pageId)).map((a) => a.id);
  if (chain.length === 0) return [];
  const rows = await grantsOnBlocks(db, workspaceId, chain);
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
  return connectableIntegrationsOf(ctx.store.db, workspaceId);
}

export async function connect(
  ctx: ServiceContext,
  workspaceId: string,
  integrationId: string,
  rawPageId: string,
): Promise<void> {
  const pageId = parseId(rawPageId);
  const page = pageId ? await findBlock(ctx.store.db, workspaceId, pageId) : undefined;
  if (!pageId || !page) throw notFound("page", rawPageId);
  const kind = await integrationKindIn(ctx.store.db, workspaceId, integrationId);
  if (!kind || kind === "public") throw new AccountError("No such connection in this workspace.");
  await insertGrant(ctx.store.db, integrationId, pageId, nowIso(ctx));
}

/** Removes the grant on this page; access inherited from an ancestor has to be removed there. */
export async function disconnect(
  ctx: ServiceContext,
  workspaceId: string,
  integrationId: string,
  pageId: string,
): Promise<void> {
  const owned = await integrationKindIn(ctx.store.db, workspaceId, integrationId);
  if (!owned) throw new AccountError("No such connection in this workspace.");
  await deleteGrant(ctx.store.db, integrationId, pageId);
}
