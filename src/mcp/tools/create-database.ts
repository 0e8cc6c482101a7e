import { parseCreateDatabase } from "../../routes/databases/schema.ts";
import { createDatabase } from "../../services/databases/database-service.ts";
import { presentDatabase } from "../../presenters/present-database.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import { isRecord, optionalObject, optionalString, wrong } from "../args.ts";
import { propertiesFromDdl } from "../ddl.ts";
import { readId } from "../ids.ts";
import { renderDatabase } from "../render.ts";
import type { Tool } from "../tool.ts";
import { VERSION, type Wire, readDataSource } from "../workspace.ts";

function richText(text: string | undefined) {
  return text === undefined ? undefined : [{ type: "text", text: { content: text } }];
}

export const createDatabaseTool: Tool = {
  name: "notion-create-database",
  title: "Create a database",
  readOnly: false,
  description:
    "Create a database with one data source, under a page (parent {page_id}) or at the workspace level. The schema is a SQL column list: CREATE TABLE (\"Name\" TITLE, \"Tags\" MULTI_SELECT('a':blue, 'b'), " +
    '"Budget" NUMBER FORMAT \'dollar\', "Due" DATE, "Done" CHECKBOX, "Rel" RELATION(\'<data source id>\', DUAL \'Back\')); or give ' +
    "properties in the REST API's JSON form instead. Returns the database as notion-fetch shows it, with its collection:// URL.",
  inputSchema: {
    type: "object",
    properties: {
      parent: {
        type: "object",
        properties: { page_id: { type: "string" } },
        description: "{page_id}: the page the database goes in; omit for a workspace-level database.",
      },
      title: { type: "string", description: "The database's title." },
      description: { type: "string", description: "The database's description." },
      schema: {
        type: "string",
        description: 'CREATE TABLE ("Name" TITLE, …). Default: one title column, "Name".',
      },
      properties: {
        type: "object",
        description: "The schema in the REST API's JSON form, instead of schema.",
      },
    },
  },
  async run({ ctx, viewer, args }) {
    const parentArg = optionalObject(args, "parent");
    const pageId = parentArg ? optionalString(parentArg, "page_id", "parent.page_id") : undefined;
    const schema = optionalString(args, "schema");
    if (schema !== undefined && args.properties !== undefined)
      wrong("schema and properties", "one of the two", "both");
    if (args.properties !== undefined && !isRecord(args.properties))
      wrong("properties", "an object", args.properties);
    const properties: Wire =
      schema !== undefined
        ? propertiesFromDdl(schema)
        : ((args.properties as Wire | undefined) ?? { Name: { title: {} } });
    const body: Wire = {
      parent:
        pageId === undefined
          ? { type: "workspace", workspace: true }
          : { type: "page_id", page_id: readId(pageId, "parent.page_id").id },
      initial_data_source: { properties },
    };
    const title = richText(optionalString(args, "title"));
    if (title) body.title = title;
    const description = richText(optionalString(args, "description"));
    if (description) body.description = description;
    const view = await createDatabase(ctx, viewer, parseCreateDatabase(body, VERSION));
    const database = presentDatabase(view, VERSION, ctx.publicUrl, await fileLinks(ctx)) as Wire;
    const sources = [];
    for (const s of view.sources) sources.push(await readDataSource(ctx, viewer, s.id));
    return `${renderDatabase(database, sources)}\n<data-source-state>ready</data-source-state>`;
  },
};
