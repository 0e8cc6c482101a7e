import type { Executor } from "./executor.ts";
import type { IntegrationTable } from "./schema.ts";

/** Grants of pages to integrations as the web UI's "Connections" menu lists and edits them. */

export interface GrantOnBlock {
  integrationId: string;
  name: string;
  kind: IntegrationTable["kind"];
  blockId: string;
}

/** The grants on any of `blockIds` held by integrations of the workspace. */
export async function grantsOnBlocks(
  db: Executor,
  workspaceId: string,
  blockIds: string[],
): Promise<GrantOnBlock[]> {
  return db
    .selectFrom("grants")
    .innerJoin("integrations", "integrations.id", "grants.integrationId")
    .select(["integrations.id as integrationId", "integrations.name", "integrations.kind", "grants.blockId"])
    .where("grants.blockId", "in", blockIds)
    .where("integrations.workspaceId", "=", workspaceId)
    .execute();
}

export interface IntegrationName {
  id: string;
  name: string;
  kind: IntegrationTable["kind"];
}

/** Internal integrations and installations of public ones, by name: what a page can be connected to. */
export async function connectableIntegrationsOf(
  db: Executor,
  workspaceId: string,
): Promise<IntegrationName[]> {
  return db
    .selectFrom("integrations")
    .select(["id", "name", "kind"])
    .where("workspaceId", "=", workspaceId)
    .where("kind", "in", ["internal", "installation"])
    .orderBy("name")
    .execute();
}

/** The kind of an integration of the workspace, or undefined when it has none with that id. */
export async function integrationKindIn(
  db: Executor,
  workspaceId: string,
  integrationId: string,
): Promise<IntegrationTable["kind"] | undefined> {
  const row = await db
    .selectFrom("integrations")
    .select("kind")
    .where("workspaceId", "=", workspaceId)
    .where("id", "=", integrationId)
    .executeTakeFirst();
  return row?.kind;
}

export async function deleteGrant(db: Executor, integrationId: string, blockId: string): Promise<void> {
  await db
    .deleteFrom("grants")
    .where("integrationId", "=", integrationId)
    .where("blockId", "=", blockId)
    .execute();
}
