import type { PropertySchema } from "../../domain/properties/types.ts";
import type { RecordedEvent } from "../../domain/webhooks.ts";
import { findBlock } from "../../storage/block-repo.ts";
import { findDataSourceFields } from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import type { ServiceContext } from "../context.ts";
import type { Viewer } from "../access/viewer.ts";
import { parentOf, recordEvent } from "./record-event.ts";

/** Database and data source events; 2022-06-28 subscriptions get the database's (see domain/webhooks.ts). */

export type DatabaseChange = "created" | "moved" | "deleted" | "undeleted";

export async function recordDatabaseEvent(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  change: DatabaseChange,
  databaseId: string,
): Promise<void> {
  const block = await findBlock(trx, viewer.workspaceId, databaseId);
  if (!block) return;
  await recordEvent(trx, ctx, viewer, {
    type: `database.${change}`,
    entity: { id: databaseId, type: "database" },
    reachId: databaseId,
    data: { parent: parentOf(block) },
  });
}

export async function recordDataSourceEvent(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  change: DatabaseChange | "schema_updated" | "content_updated",
  sourceId: string,
  extra: Pick<RecordedEvent["data"], "updatedSchema" | "updatedBlocks"> = {},
): Promise<void> {
  const source = await findDataSourceFields(trx, sourceId);
  if (!source) return;
  const database = await findBlock(trx, viewer.workspaceId, source.databaseId);
  await recordEvent(trx, ctx, viewer, {
    type: `data_source.${change}`,
    entity: { id: sourceId, type: "data_source" },
    reachId: sourceId,
    data: {
      parent: { id: source.databaseId, type: "database" },
      databaseId: source.databaseId,
      ...(database ? { databaseParent: parentOf(database) } : {}),
      ...extra,
    },
  });
}

/** `data_source.schema_updated` with each property created, updated (renamed or reconfigured) or deleted. */
export async function recordSchemaChange(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  sourceId: string,
  previous: PropertySchema[],
): Promise<void> {
  const next = (await findDataSourceFields(trx, sourceId))?.schema ?? [];
  const changes: NonNullable<RecordedEvent["data"]["updatedSchema"]> = [];
  for (const p of next) {
    const old = previous.find((o) => o.id === p.id);
    if (!old) changes.push({ id: p.id, name: p.name, action: "created" });
    else if (JSON.stringify(old) !== JSON.stringify(p))
      changes.push({ id: p.id, name: p.name, action: "updated" });
  }
  for (const o of previous) {
    if (!next.some((p) => p.id === o.id)) changes.push({ id: o.id, name: null, action: "deleted" });
  }
  if (changes.length === 0) return;
  await recordDataSourceEvent(trx, ctx, viewer, "schema_updated", sourceId, { updatedSchema: changes });
}
