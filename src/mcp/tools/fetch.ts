import { isRecord } from "../args.ts";
import { requiredString } from "../args.ts";
import { readId } from "../ids.ts";
import { renderDataSource, renderDatabase, renderPage } from "../render.ts";
import { RESOURCES } from "../resources.ts";
import { getPageMarkdown } from "../../services/markdown/markdown-service.ts";
import type { Tool } from "../tool.ts";
import { type Wire, findObject, readDataSource, urlOf } from "../workspace.ts";

export const fetchTool: Tool = {
  name: "notion-fetch",
  title: "Fetch Notion entities",
  readOnly: true,
  description:
    "Read a page, database or data source by URL or id, as Notion-flavored Markdown: a page comes in " +
    "<page> with its properties (SQLite values, the form notion-create-pages and notion-update-page take) " +
    'and its content; a data source (id or "collection://…" URL) comes in <data-source> with its schema ' +
    "as a CREATE TABLE; a database lists its data sources. Also reads notion://docs/enhanced-markdown-spec.",
  inputSchema: {
    type: "object",
    properties: {
      id: {
        type: "string",
        description:
          'A page or database URL, a UUID (with or without dashes), a "collection://<id>" data source URL, or a notion://docs/… resource URI.',
      },
    },
    required: ["id"],
  },
  async run({ ctx, viewer, args }) {
    const raw = requiredString(args, "id").trim();
    const resource = RESOURCES.find((r) => r.uri === raw);
    if (resource) return resource.text;
    const { id, scheme } = readId(raw, "id");
    const found = await findObject(ctx, viewer, id, scheme === "collection");
    if (found.kind === "page") {
      const content = await getPageMarkdown(ctx, viewer, id);
      return renderPage(found.json, content, (pageId) => urlOf(ctx, pageId));
    }
    if (found.kind === "data_source") return renderDataSource(found.json);
    const listed = Array.isArray(found.json.data_sources) ? found.json.data_sources : [];
    const sources: Wire[] = [];
    for (const s of listed)
      if (isRecord(s) && typeof s.id === "string") sources.push(await readDataSource(ctx, viewer, s.id));
    return renderDatabase(found.json, sources);
  },
};
