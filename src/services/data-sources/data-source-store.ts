import type { RelationRequest } from "../../domain/properties/index.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import type { RichTextItem } from "../../domain/rich-text.ts";
import { keyBetween } from "../../domain/sort-keys.ts";
import type { JsonObject } from "../../domain/validation.ts";
import { insertBlocks, lastChildKey } from "../../storage/block-repo.ts";
import { insertDataSourceFields, updateDataSourceFields } from "../../storage/database-repo.ts";
import type { Executor } from "../../storage/executor.ts";
import { blockRow } from "../blocks/block-rows.ts";
import type { ServiceContext } from "../context.ts";
import { linkSchema } from "./schema-links.ts";
import { addDefaultView } from "../views/default-view.ts";
import type { Viewer } from "../access/viewer.ts";

export interface NewDataSource {
  id: string;
  databaseId: string;
  title: RichTextItem[];
  schema: PropertySchema[];
  relations: RelationRequest[];
  icon: JsonObject | null;
  now: string;
}

/**
 * Stores a data source at the end of its database: its row in the blocks tree, its schema with
 * relations and rollups resolved, the expression indexes its queries use, and its default view.
 */
export async function addDataSource(
  trx: Executor,
  ctx: ServiceContext,
  viewer: Viewer,
  input: NewDataSource,
): Promise<void> {
  const sortKey = keyBetween(await lastChildKey(trx, input.databaseId), null);
  await insertBlocks(trx, [
    blockRow(
      {
        id: input.id,
        type: "data_source",
        parentType: "database_id",
        parentId: input.databaseId,
        sortKey,
        content: {},
        icon: input.icon,
      },
      viewer,
      input.now,
    ),
  ]);
  const source = {
    id: input.id,
    workspaceId: viewer.workspaceId,
    databaseId: input.databaseId,
    title: input.title,
    description: [],
    schema: input.schema,
    uniqueCounter: 0,
  };
  await insertDataSourceFields(trx, source);
  const linked = await linkSchema(trx, viewer, source, input.relations);
  await updateDataSourceFields(trx, input.id, { schema: linked });
  await addDefaultView(trx, viewer, source, input.now);
}
