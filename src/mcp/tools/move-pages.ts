import { parseUpdateDatabase } from "../../routes/databases/schema.ts";
import { updateDatabase } from "../../services/databases/database-service.ts";
import { movePage } from "../../services/pages/page-service.ts";
import { isRecord, optionalString, requiredArray, wrong } from "../args.ts";
import { readId } from "../ids.ts";
import type { Tool } from "../tool.ts";
import { ToolInputError } from "../tool-errors.ts";
import { VERSION, findObject, readDatabase } from "../workspace.ts";

type Target = { kind: "page" | "data_source"; id: string } | { kind: "workspace" };

export const movePagesTool: Tool = {
  name: "notion-move-pages",
  title: "Move pages",
  readOnly: false,
  description:
    "Move pages or databases to a new parent: under a page ({page_id}), into a data source or single-source " +
    'database as rows ({data_source_id} / {database_id}), or (databases only) to the workspace ({type:"workspace"}). ' +
    "Every id is checked before anything moves.",
  inputSchema: {
    type: "object",
    properties: {
      page_or_database_ids: {
        type: "array",
        items: { type: "string" },
        minItems: 1,
        maxItems: 100,
        description: "URLs or ids of the pages and databases to move (at most 100).",
      },
      new_parent: {
        type: "object",
        description: 'Where they go: {page_id}, {database_id}, {data_source_id} or {type: "workspace"}.',
        properties: {
          page_id: { type: "string" },
          database_id: { type: "string" },
          data_source_id: { type: "string" },
          type: { type: "string", enum: ["workspace"] },
        },
      },
    },
    required: ["page_or_database_ids", "new_parent"],
  },
  async run({ ctx, viewer, args }) {
    const ids = requiredArray(args, "page_or_database_ids", 100).map(
      (raw, i) => readId(typeof raw === "string" ? raw : "", `page_or_database_ids[${i}]`).id,
    );
    const parent = args.new_parent;
    if (!isRecord(parent)) return wrong("new_parent", "an object", parent);
    let target: Target;
    const pageId = optionalString(parent, "page_id", "new_parent.page_id");
    const sourceId = optionalString(parent, "data_source_id", "new_parent.data_source_id");
    const databaseId = optionalString(parent, "database_id", "new_parent.database_id");
    if (pageId !== undefined) target = { kind: "page", id: readId(pageId, "new_parent.page_id").id };
    else if (sourceId !== undefined)
      target = { kind: "data_source", id: readId(sourceId, "new_parent.data_source_id").id };
    else if (databaseId !== undefined) {
      const database = await readDatabase(ctx, viewer, readId(databaseId, "new_parent.database_id").id);
      const sources = Array.isArray(database.data_sources) ? database.data_sources : [];
      const only = sources[0];
      if (sources.length !== 1 || !isRecord(only) || typeof only.id !== "string")
        throw new ToolInputError(
          "new_parent.database_id has several data sources; give new_parent.data_source_id.",
        );
      target = { kind: "data_source", id: only.id };
    } else if (parent.type === "workspace") target = { kind: "workspace" };
    else
      return wrong("new_parent", '{page_id}, {database_id}, {data_source_id} or {type: "workspace"}', parent);
    const found = [];
    for (const id of ids) found.push(await findObject(ctx, viewer, id));
    for (const [i, item] of found.entries()) {
      if (item.kind === "data_source")
        throw new ToolInputError(`page_or_database_ids[${i}] is a data source; move its database instead.`);
      if (item.kind === "database" && target.kind !== "page" && target.kind !== "workspace")
        throw new ToolInputError(
          `page_or_database_ids[${i}] is a database; it can move under a page or to the workspace only.`,
        );
      if (item.kind === "page" && target.kind === "workspace")
        throw new ToolInputError(
          `page_or_database_ids[${i}] is a page; Quire moves pages under a page or into a data source only.`,
        );
    }
    const moved = [];
    for (const [i, item] of found.entries()) {
      const id = ids[i] as string;
      if (item.kind === "database") {
        const body = {
          parent:
            target.kind === "page"
              ? { type: "page_id", page_id: target.id }
              : { type: "workspace", workspace: true },
        };
        await updateDatabase(ctx, viewer, id, parseUpdateDatabase(body, VERSION), VERSION);
      } else if (target.kind !== "workspace") await movePage(ctx, viewer, id, { target });
      moved.push(id);
    }
    return JSON.stringify({ result: { message: `Moved ${moved.length} item(s).`, moved_ids: moved } });
  },
};
