import { presentPage } from "../../presenters/present-page.ts";
import { parseQueryDataSource } from "../../routes/data-sources/schema.ts";
import { queryDataSource } from "../../services/data-sources/query-service.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import { isRecord, optionalInteger, optionalObject, optionalString, requiredString, wrong } from "../args.ts";
import { readId } from "../ids.ts";
import { sqliteValuesOf } from "../sqlite-values.ts";
import type { Tool } from "../tool.ts";
import { ToolInputError } from "../tool-errors.ts";
import { VERSION, type Wire, urlOf } from "../workspace.ts";

export const queryDataSourcesTool: Tool = {
  name: "notion-query-data-sources",
  title: "Query data sources",
  readOnly: true,
  description:
    'Read the rows of a data source (mode "rows"): filter and sort as the REST API\'s data source query ' +
    "takes them (property names of the schema notion-fetch shows), up to 100 rows per call. Each row is " +
    "its url and its properties as SQLite values. The sql and view modes are not served by Quire yet.",
  inputSchema: {
    type: "object",
    properties: {
      data: {
        type: "object",
        description:
          'What to read: {"mode":"rows","data_source_url":"collection://…", filter?, sort?, limit?}.',
        properties: {
          mode: { type: "string", enum: ["rows"], description: 'Only "rows" is served.' },
          data_source_url: { type: "string", description: "collection://<data source id> (or the id)." },
          filter: {
            type: "object",
            description:
              'A REST API filter, e.g. {"property":"Status","status":{"equals":"Done"}} or {"and":[…]}.',
          },
          sort: {
            type: "array",
            items: { type: "object" },
            description: 'REST API sorts, e.g. [{"property":"Due","direction":"ascending"}].',
          },
          limit: { type: "integer", minimum: 1, maximum: 100, description: "Rows to return (default 100)." },
          start_cursor: { type: "string", description: "next_cursor of the previous call." },
        },
        required: ["mode", "data_source_url"],
      },
    },
    required: ["data"],
  },
  async run({ ctx, viewer, args }) {
    const data = optionalObject(args, "data");
    if (!data)
      return wrong("data", 'an object like {"mode":"rows","data_source_url":"collection://…"}', args.data);
    const mode = requiredString(data, "mode", "data.mode");
    if (mode !== "rows")
      throw new ToolInputError(
        `data.mode "${mode}" is not served by Quire yet; use "rows" with filter and sort.`,
      );
    const sourceId = readId(
      requiredString(data, "data_source_url", "data.data_source_url"),
      "data.data_source_url",
    ).id;
    const body: Wire = { page_size: optionalInteger(data, "limit", 1, 100, "data.limit") ?? 100 };
    if (data.filter !== undefined) body.filter = data.filter;
    if (data.sort !== undefined) body.sorts = data.sort;
    const cursor = optionalString(data, "start_cursor", "data.start_cursor");
    if (cursor !== undefined) body.start_cursor = cursor;
    const result = await queryDataSource(
      ctx,
      viewer,
      { dataSourceId: sourceId },
      parseQueryDataSource(body, {}),
    );
    const files = await fileLinks(ctx);
    const rows = result.rows.map((row) => {
      const page = presentPage(row, VERSION, ctx.publicUrl, files) as Wire;
      return {
        url: page.url,
        ...sqliteValuesOf(isRecord(page.properties) ? page.properties : {}, (id) => urlOf(ctx, id)),
      };
    });
    return JSON.stringify({
      results: rows,
      has_more: result.nextCursor !== null,
      next_cursor: result.nextCursor,
    });
  },
};
