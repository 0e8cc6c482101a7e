import { parseUpdateDataSource } from "../../routes/data-sources/schema.ts";
import { updateDataSource } from "../../services/data-sources/data-source-service.ts";
import { optionalBoolean, optionalString, requiredString } from "../args.ts";
import { column, unquote } from "../ddl.ts";
import { readId } from "../ids.ts";
import { renderDataSource } from "../render.ts";
import type { Tool } from "../tool.ts";
import { ToolInputError } from "../tool-errors.ts";
import { VERSION, type Wire, readDataSource } from "../workspace.ts";

const NAME = `("(?:[^"]|"")*"|'(?:[^']|'')*'|[^\\s"']+)`;

/** Splits at semicolons outside quotes and parentheses. */
function statementsOf(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let quote: string | null = null;
  let depth = 0;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === ";" && depth === 0) {
      if (current.trim()) out.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** One schema statement as an entry of the REST API's `properties` edit (null drops a property). */
function edit(statement: string, properties: Wire): void {
  let m = new RegExp(`^ADD\\s+COLUMN\\s+([\\s\\S]+)$`, "i").exec(statement);
  if (m?.[1]) {
    const [name, property] = column(m[1]);
    properties[name] = property;
    return;
  }
  m = new RegExp(`^DROP\\s+COLUMN\\s+${NAME}$`, "i").exec(statement);
  if (m?.[1]) {
    properties[unquote(m[1])] = null;
    return;
  }
  m = new RegExp(`^RENAME\\s+COLUMN\\s+${NAME}\\s+TO\\s+${NAME}$`, "i").exec(statement);
  if (m?.[1] && m[2]) {
    properties[unquote(m[1])] = { name: unquote(m[2]) };
    return;
  }
  m = new RegExp(`^ALTER\\s+COLUMN\\s+${NAME}\\s+SET\\s+([\\s\\S]+)$`, "i").exec(statement);
  if (m?.[1] && m[2]) {
    const [, property] = column(`"x" ${m[2]}`);
    properties[unquote(m[1])] = property;
    return;
  }
  throw new ToolInputError(
    `statements: "${statement.slice(0, 80)}" should be ADD COLUMN "Name" TYPE, DROP COLUMN "Name", RENAME COLUMN "Old" TO "New" or ALTER COLUMN "Name" SET TYPE.`,
  );
}

export const updateDataSourceTool: Tool = {
  name: "notion-update-data-source",
  title: "Update a data source",
  readOnly: false,
  description:
    'Change a data source\'s schema with SQL statements separated by semicolons — ADD COLUMN "Name" TYPE, ' +
    'DROP COLUMN "Name", RENAME COLUMN "Old" TO "New", ALTER COLUMN "Name" SET TYPE (types as in ' +
    "notion-create-database) — and its title or trash state. Returns the data source as notion-fetch shows it.",
  inputSchema: {
    type: "object",
    properties: {
      data_source_id: { type: "string", description: "collection://<id>, or the data source's id." },
      statements: {
        type: "string",
        description: "e.g. ADD COLUMN \"Priority\" SELECT('High', 'Low'); DROP COLUMN \"Old\"",
      },
      title: { type: "string", description: "A new title." },
      in_trash: {
        type: "boolean",
        description: "true moves the data source to the trash; false restores it.",
      },
    },
    required: ["data_source_id"],
  },
  async run({ ctx, viewer, args }) {
    const id = readId(requiredString(args, "data_source_id"), "data_source_id").id;
    const body: Wire = {};
    const statements = optionalString(args, "statements");
    if (statements !== undefined) {
      const properties: Wire = {};
      for (const statement of statementsOf(statements)) edit(statement, properties);
      body.properties = properties;
    }
    const title = optionalString(args, "title");
    if (title !== undefined) body.title = [{ type: "text", text: { content: title } }];
    const inTrash = optionalBoolean(args, "in_trash");
    if (inTrash !== undefined) body.in_trash = inTrash;
    if (Object.keys(body).length === 0)
      throw new ToolInputError("Give statements, title or in_trash: there is nothing to change.");
    await updateDataSource(ctx, viewer, id, parseUpdateDataSource(body, VERSION));
    return renderDataSource(await readDataSource(ctx, viewer, id));
  },
};
