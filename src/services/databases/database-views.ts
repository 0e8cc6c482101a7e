import type { BlockRecord } from "../../storage/block-repo.ts";
import type { DataSourceFields, DatabaseFields } from "../../storage/database-repo.ts";

/** What the database services return: the container's block, its fields and its sources' fields. */
export interface DatabaseView {
  block: BlockRecord;
  fields: DatabaseFields;
  sources: DataSourceFields[];
}

/** What the data-source services return: the source and the database that holds it. */
export interface DataSourceView {
  block: BlockRecord;
  fields: DataSourceFields;
  database: { block: BlockRecord; fields: DatabaseFields };
}
