import type { ViewRecord } from "../../storage/view-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import type { Viewer } from "../access/viewer.ts";
import type { ServiceContext } from "../context.ts";
import { recordEvent } from "./record-event.ts";

/**
 * `view.created` (`data.view_type`), `view.updated` (`data.updated_fields`) and `view.deleted` (the
 * SDK's `View*WebhookPayload`). A view sits in its database, so the database's reach decides who gets
 * them; `data.parent` is the database, with the data source the view shows where the version has it.
 */
export async function recordViewEvent(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  type: "view.created" | "view.updated" | "view.deleted",
  view: ViewRecord,
  before?: ViewRecord,
): Promise<void> {
  const updatedFields = before ? changedFields(before, view) : [];
  if (type === "view.updated" && updatedFields.length === 0) return;
  await recordEvent(trx, ctx, viewer, {
    type,
    entity: { id: view.id, type: "view" },
    reachId: view.databaseId,
    timestamp: view.lastEditedTime,
    data: {
      parent: {
        id: view.databaseId,
        type: "database",
        ...(view.dataSourceId ? { dataSourceId: view.dataSourceId } : {}),
      },
      ...(type === "view.created" ? { viewType: view.type } : {}),
      ...(type === "view.updated" ? { updatedFields } : {}),
    },
  });
}

/** The SDK names four: `name`, `filter`, `sorts`, `configuration`. */
function changedFields(before: ViewRecord, after: ViewRecord): string[] {
  const differs = (a: unknown, b: unknown) => JSON.stringify(a ?? null) !== JSON.stringify(b ?? null);
  const fields: string[] = [];
  if (before.name !== after.name) fields.push("name");
  if (differs(before.settings.filter, after.settings.filter)) fields.push("filter");
  if (differs(before.settings.sorts, after.settings.sorts)) fields.push("sorts");
  if (differs(before.settings.configuration, after.settings.configuration)) fields.push("configuration");
  return fields;
}
