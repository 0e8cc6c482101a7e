import { notFound } from "../../errors.ts";
import { findDataSourceFields } from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { type ViewRecord, findView } from "../../storage/view-repo.ts";
import { canReach } from "../access/kinds.ts";
import { visibleSchema } from "../access/read-model.ts";
import { readerFor } from "../access/reader.ts";
import type { Viewer } from "../access/viewer.ts";
import type { ViewRead } from "./view-types.ts";

/**
 * A view the viewer may see: views follow the sharing of their database, so a view of a database not
 * shared with an integration (or of another workspace) is the same 404 as one that does not exist.
 */
export async function loadView(db: Executor, viewer: Viewer, id: string): Promise<ViewRecord> {
  const view = await findView(db, viewer.workspaceId, id);
  if (!view || !(await canReach(db, viewer, view.databaseId))) {
    throw notFound("view", id, viewer.integration);
  }
  return view;
}

/** The view with the schema of its data source as the viewer may see it (none for a dashboard). */
export async function readView(db: Executor, viewer: Viewer, view: ViewRecord): Promise<ViewRead> {
  const source = view.dataSourceId ? await findDataSourceFields(db, view.dataSourceId) : undefined;
  const schema = source ? await visibleSchema(readerFor(db, viewer), source.schema) : [];
  return { view, schema };
}
