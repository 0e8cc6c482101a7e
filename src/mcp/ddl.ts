import { ToolInputError } from "./tool-errors.ts";

/**
 * The hosted `notion-create-database` schema language (reference mcp-and-workers A2): a `CREATE TABLE`
 * column list, read into the REST API's property schema so databases.create validates it:
 * `"Name" TITLE, "Tags" MULTI_SELECT('a':blue, 'b'), "Budget" NUMBER FORMAT 'dollar',
 * "Rel" RELATION('<data source id>', DUAL 'Back'), "Done" CHECKBOX, "Due" DATE, …`.
 */
type Wire = Record<string, unknown>;

/** Splits at top-level commas, outside quotes and parentheses. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      current += ch;
      if (ch === quote && text[i + 1] === quote) current += text[++i];
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

export function unquote(text: string): string {
  const t = text.trim();
  const q = t[0];
  if ((q === "'" || q === '"') && t.endsWith(q))
    return t
      .slice(1, -1)
      .split(q + q)
      .join(q);
  return t;
}

function options(args: string): Wire[] {
  return splitTopLevel(args).map((option) => {
    const match = /^('(?:[^']|'')*'|"(?:[^"]|"")*")\s*(?::\s*([a-z_]+))?$/i.exec(option);
    if (!match?.[1])
      throw new ToolInputError(`schema: the option ${option} should be 'name' or 'name':color.`);
    return { name: unquote(match[1]), ...(match[2] ? { color: match[2].toLowerCase() } : {}) };
  });
}

const SIMPLE: Record<string, string> = {
  TITLE: "title",
  TEXT: "rich_text",
  RICH_TEXT: "rich_text",
  DATE: "date",
  CHECKBOX: "checkbox",
  URL: "url",
  EMAIL: "email",
  PHONE_NUMBER: "phone_number",
  PHONE: "phone_number",
  PEOPLE: "people",
  PERSON: "people",
  FILES: "files",
  FILE: "files",
  CREATED_TIME: "created_time",
  LAST_EDITED_TIME: "last_edited_time",
  CREATED_BY: "created_by",
  LAST_EDITED_BY: "last_edited_by",
};

export function column(definition: string): [string, Wire] {
  const match =
    /^("(?:[^"]|"")*"|'(?:[^']|'')*'|[^\s(]+)\s+([A-Za-z_]+)\s*(?:\(([\s\S]*)\))?\s*([\s\S]*)$/.exec(
      definition,
    );
  if (!match?.[1] || !match[2])
    throw new ToolInputError(
      `schema: "${definition.slice(0, 80)}" should be "Column name" TYPE, e.g. "Status" SELECT('Open', 'Done').`,
    );
  const name = unquote(match[1]);
  const type = match[2].toUpperCase();
  const args = match[3];
  const rest = (match[4] ?? "").trim();
  const simple = SIMPLE[type];
  if (simple) return [name, { [simple]: {} }];
  switch (type) {
    case "NUMBER": {
      const format = /^FORMAT\s+('(?:[^']|'')*')$/i.exec(rest)?.[1];
      return [name, { number: format ? { format: unquote(format) } : {} }];
    }
    case "SELECT":
    case "MULTI_SELECT":
      return [name, { [type.toLowerCase()]: { options: args ? options(args) : [] } }];
    case "FORMULA":
      if (!args)
        throw new ToolInputError(
          `schema: ${name} FORMULA needs its expression, e.g. FORMULA('prop("Count") * 2').`,
        );
      return [name, { formula: { expression: unquote(args) } }];
    case "UNIQUE_ID": {
      const prefix = args ? unquote(args) : /^PREFIX\s+('(?:[^']|'')*')$/i.exec(rest)?.[1];
      return [name, { unique_id: prefix ? { prefix: unquote(prefix) } : {} }];
    }
    case "RELATION": {
      const [target, dual] = splitTopLevel(args ?? "");
      if (!target)
        throw new ToolInputError(
          `schema: ${name} RELATION needs the related data source id, e.g. RELATION('<id>').`,
        );
      const id = unquote(target).replace(/^collection:\/\//, "");
      const back = dual ? /^DUAL(?:\s+('(?:[^']|'')*'|"(?:[^"]|"")*"))?$/i.exec(dual) : null;
      if (dual && !back)
        throw new ToolInputError(
          `schema: ${name} RELATION's second argument should be DUAL or DUAL 'Back name'.`,
        );
      return [
        name,
        {
          relation: back
            ? {
                data_source_id: id,
                type: "dual_property",
                dual_property: back[1] ? { synced_property_name: unquote(back[1]) } : {},
              }
            : { data_source_id: id, type: "single_property", single_property: {} },
        },
      ];
    }
    default:
      throw new ToolInputError(
        `schema: ${name} has the type ${type}, which is not one of TITLE, TEXT, NUMBER, SELECT, MULTI_SELECT, DATE, CHECKBOX, URL, EMAIL, PHONE_NUMBER, PEOPLE, FILES, RELATION, FORMULA, UNIQUE_ID, CREATED_TIME, LAST_EDITED_TIME, CREATED_BY, LAST_EDITED_BY.`,
      );
  }
}

export function propertiesFromDdl(ddl: string): Wire {
  const text = ddl.trim();
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open || !/^(CREATE\s+TABLE\b[^(]*)?$/i.test(text.slice(0, open).trim()))
    throw new ToolInputError(
      'schema should be CREATE TABLE ("Name" TITLE, …) or the column list in parentheses.',
    );
  const properties: Wire = {};
  for (const definition of splitTopLevel(text.slice(open + 1, close))) {
    const [name, property] = column(definition);
    if (name in properties) throw new ToolInputError(`schema: the column "${name}" is defined twice.`);
    properties[name] = property;
  }
  return properties;
}
