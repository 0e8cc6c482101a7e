import { createMarkdownPage } from "../../services/markdown/markdown-pages.ts";
import { parseCreatePage } from "../../routes/pages/schema.ts";
import { splitMarkdownBody } from "../../routes/pages/markdown-schema.ts";
import { isRecord, optionalObject, optionalString, requiredArray } from "../args.ts";
import { fileOrEmoji, resolveParent, wireProperties } from "../page-inputs.ts";
import { sqliteValuesOf } from "../sqlite-values.ts";
import type { Tool } from "../tool.ts";
import { ToolInputError } from "../tool-errors.ts";
import { type Wire, presentPageView, urlOf } from "../workspace.ts";
import { readId } from "../ids.ts";

const PAGE_ITEM = {
  type: "object",
  properties: {
    properties: {
      type: "object",
      description:
        'Property values as SQLite values: {"title": "…"} outside a database; in one, the data source\'s ' +
        'property names: text as strings, numbers as numbers, checkboxes "__YES__"/"__NO__", dates as ' +
        '"date:<Prop>:start" / "date:<Prop>:end" / "date:<Prop>:is_datetime" (1/0), multi-selects, people ' +
        "and relations as arrays. notion-fetch of the data source shows its schema.",
    },
    content: {
      type: "string",
      description: "The page content in Notion-flavored Markdown (notion://docs/enhanced-markdown-spec).",
    },
    template_id: {
      type: "string",
      description: "A template of the data source to create the page from (instead of content).",
    },
    icon: { type: "string", description: 'An emoji or an image URL; "none" for no icon.' },
    cover: { type: "string", description: "An image URL." },
  },
};

export const createPagesTool: Tool = {
  name: "notion-create-pages",
  title: "Create Notion pages",
  readOnly: false,
  description:
    "Create one or more pages under the same parent: a page, a database or data source (the pages become " +
    "its rows), or none for a workspace-level page. Returns JSON with each new page's id, url and properties.",
  inputSchema: {
    type: "object",
    properties: {
      pages: {
        type: "array",
        minItems: 1,
        maxItems: 100,
        items: PAGE_ITEM,
        description: "The pages to create (at most 100).",
      },
      parent: {
        type: "object",
        description:
          "Where the pages go: {page_id}, {database_id} or {data_source_id} (a URL or id each). Omit for a workspace-level page.",
        properties: {
          page_id: { type: "string" },
          database_id: { type: "string" },
          data_source_id: { type: "string" },
        },
      },
    },
    required: ["pages"],
  },
  async run({ ctx, viewer, args }) {
    const items = requiredArray(args, "pages", 100);
    const parent = await resolveParent(ctx, viewer, optionalObject(args, "parent"));
    const created: Wire[] = [];
    for (const [i, item] of items.entries()) {
      const field = `pages[${i}]`;
      if (!isRecord(item)) throw new ToolInputError(`${field} should be an object.`);
      const body: Wire = { parent: parent.wire };
      const properties = wireProperties(item.properties, parent.schema, `${field}.properties`);
      if (properties) body.properties = properties;
      const icon = fileOrEmoji(item.icon, `${field}.icon`, true);
      if (icon !== undefined) body.icon = icon;
      const cover = fileOrEmoji(item.cover, `${field}.cover`, false);
      if (cover !== undefined) body.cover = cover;
      const template = optionalString(item, "template_id", `${field}.template_id`);
      if (template !== undefined)
        body.template = { type: "template_id", template_id: readId(template, `${field}.template_id`).id };
      const content = optionalString(item, "content", `${field}.content`);
      if (content !== undefined || template === undefined) body.markdown = content ?? "";
      const request =
        body.markdown === undefined ? { page: parseCreatePage(body), nodes: [] } : markdownRequest(body);
      const view = await createMarkdownPage(ctx, viewer, request);
      const page = await presentPageView(ctx, view);
      created.push({
        id: page.id,
        url: page.url,
        properties: sqliteValuesOf(isRecord(page.properties) ? page.properties : {}, (id) => urlOf(ctx, id)),
      });
    }
    return JSON.stringify({ pages: created });
  },
};

function markdownRequest(body: Wire) {
  const { rest, nodes } = splitMarkdownBody(body);
  return { page: parseCreatePage(rest), nodes };
}
