import { parseUpdatePageMarkdown } from "../../routes/pages/markdown-schema.ts";
import { parseUpdatePage } from "../../routes/pages/schema.ts";
import { updatePageMarkdown } from "../../services/markdown/markdown-service.ts";
import { updatePage } from "../../services/pages/page-service.ts";
import { isRecord, optionalBoolean, optionalObject, optionalString, requiredString, wrong } from "../args.ts";
import { readId } from "../ids.ts";
import { PAGE_SCHEMA, fileOrEmoji, wireProperties } from "../page-inputs.ts";
import { sqliteValuesOf } from "../sqlite-values.ts";
import type { Tool, ToolCall } from "../tool.ts";
import { type Wire, presentPageView, readDataSource, readPage, schemaOf, urlOf } from "../workspace.ts";

const COMMANDS = [
  "update_properties",
  "replace_content",
  "insert_content",
  "update_content",
  "apply_template",
];

async function updateProperties({ ctx, viewer, args }: ToolCall, pageId: string): Promise<string> {
  const page = await readPage(ctx, viewer, pageId);
  const parent = isRecord(page.parent) ? page.parent : {};
  const schema =
    parent.type === "data_source_id" && typeof parent.data_source_id === "string"
      ? schemaOf(await readDataSource(ctx, viewer, parent.data_source_id))
      : PAGE_SCHEMA;
  const body: Wire = {};
  const properties = wireProperties(args.properties, schema, "properties");
  if (properties) body.properties = properties;
  const icon = fileOrEmoji(args.icon, "icon", true);
  if (icon !== undefined) body.icon = icon;
  const cover = fileOrEmoji(args.cover, "cover", false);
  if (cover !== undefined) body.cover = cover;
  if (args.command === "apply_template") {
    const template = requiredString(args, "template_id");
    body.template = { type: "template_id", template_id: readId(template, "template_id").id };
  } else if (Object.keys(body).length === 0)
    wrong("properties", "an object with at least one property (or give icon or cover)", args.properties);
  const updated = await presentPageView(
    ctx,
    await updatePage(ctx, viewer, pageId, parseUpdatePage(body, "2025-09-03")),
  );
  return JSON.stringify({
    page_id: updated.id,
    url: updated.url,
    properties: sqliteValuesOf(isRecord(updated.properties) ? updated.properties : {}, (id) =>
      urlOf(ctx, id),
    ),
  });
}

/** The hosted content commands as the body of `PATCH /v1/pages/{id}/markdown`, checked by its schema. */
function markdownBody(args: ToolCall["args"], command: string): Wire {
  const allow = optionalBoolean(args, "allow_deleting_content");
  const allowing = allow === undefined ? {} : { allow_deleting_content: allow };
  if (command === "replace_content")
    return { type: command, replace_content: { new_str: requiredString(args, "new_str"), ...allowing } };
  if (command === "insert_content") {
    const position = optionalObject(args, "position");
    const type = position ? optionalString(position, "type", "position.type") : "end";
    if (type !== "start" && type !== "end") wrong("position.type", '"start" or "end"', type);
    return {
      type: command,
      insert_content: { content: requiredString(args, "content"), position: { type } },
    };
  }
  const updates = args.content_updates;
  if (!Array.isArray(updates) || updates.length === 0)
    wrong("content_updates", "a non-empty array of {old_str, new_str}", updates);
  return { type: command, update_content: { content_updates: updates, ...allowing } };
}

export const updatePageTool: Tool = {
  name: "notion-update-page",
  title: "Update a Notion page",
  readOnly: false,
  description:
    "Change a page's properties or content. command: update_properties (properties as SQLite values, icon, " +
    "cover), replace_content (new_str: the whole content in Notion-flavored Markdown), insert_content " +
    "(content, at position start or end), update_content (content_updates: search-and-replace edits of the " +
    "markdown notion-fetch shows, each old_str must match once unless replace_all_matches), apply_template " +
    "(template_id). Deleting child pages or databases needs allow_deleting_content: true.",
  inputSchema: {
    type: "object",
    properties: {
      page_id: { type: "string", description: "The page's URL or id." },
      command: { type: "string", enum: COMMANDS, description: "What to change." },
      properties: {
        type: "object",
        description: "update_properties: values as SQLite values (see notion-create-pages).",
      },
      icon: { type: "string", description: 'update_properties: an emoji or image URL; "none" removes it.' },
      cover: { type: "string", description: 'update_properties: an image URL; "none" removes it.' },
      new_str: { type: "string", description: "replace_content: the new content." },
      content: { type: "string", description: "insert_content: the content to insert." },
      position: {
        type: "object",
        properties: { type: { type: "string", enum: ["start", "end"] } },
        description: "insert_content: where the content goes (default end).",
      },
      content_updates: {
        type: "array",
        maxItems: 100,
        description: "update_content: the edits, applied in order.",
        items: {
          type: "object",
          properties: {
            old_str: { type: "string", description: "Text of the current markdown to replace." },
            new_str: { type: "string", description: "What replaces it." },
            replace_all_matches: {
              type: "boolean",
              description: "Replace every match, not only a unique one.",
            },
          },
          required: ["old_str", "new_str"],
        },
      },
      allow_deleting_content: {
        type: "boolean",
        description: "Allow the edit to delete child pages or databases.",
      },
      template_id: { type: "string", description: "apply_template: the template to apply." },
    },
    required: ["page_id", "command"],
  },
  async run(call) {
    const { ctx, viewer, args } = call;
    const pageId = readId(requiredString(args, "page_id"), "page_id").id;
    const command = requiredString(args, "command");
    if (!COMMANDS.includes(command)) wrong("command", COMMANDS.join(", "), command);
    if (command === "update_properties" || command === "apply_template")
      return updateProperties(call, pageId);
    const result = await updatePageMarkdown(
      ctx,
      viewer,
      pageId,
      parseUpdatePageMarkdown(markdownBody(args, command)),
    );
    return JSON.stringify({ page_id: result.id, truncated: result.truncated, content: result.markdown });
  },
};
