import type { PageMarkdown } from "../services/markdown/markdown-service.ts";
import { isRecord } from "./args.ts";
import { collectionUrl } from "./ids.ts";
import { sqliteValuesOf } from "./sqlite-values.ts";
import { type Wire, pageTitleOf, plainText } from "./workspace.ts";

/**
 * The enhanced-Markdown wrappers `notion-fetch` answers with (reference mcp-and-workers A2 "Fetch
 * output"): `<page>` with its properties as SQLite values and its content, `<data-source>` with its
 * schema as a `CREATE TABLE`, `<database>` with its data sources.
 */
function attr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

export function renderPage(page: Wire, content: PageMarkdown, pageUrl: (id: string) => string): string {
  const properties = sqliteValuesOf(isRecord(page.properties) ? page.properties : {}, pageUrl);
  const parent = isRecord(page.parent) ? page.parent : {};
  const parentId = parent[String(parent.type)];
  const lines = [
    `<page url="${attr(String(page.url))}">`,
    ...(typeof parentId === "string"
      ? [
          `<parent type="${String(parent.type)}" url="${attr(parent.type === "data_source_id" ? collectionUrl(parentId) : pageUrl(parentId))}"/>`,
        ]
      : []),
    "<properties>",
    JSON.stringify(properties),
    "</properties>",
    "<content>",
    content.markdown,
    "</content>",
    "</page>",
  ];
  if (content.truncated || content.unknownBlockIds.length > 0)
    lines.push(
      JSON.stringify({ truncated: content.truncated, unknown_block_ids: content.unknownBlockIds }),
      "Fetch an unknown block's id with notion-fetch to read it.",
    );
  return lines.join("\n");
}

/** How each property type's value is shown in the `CREATE TABLE` the hosted server writes. */
function columnsOf(name: string, property: Wire): string[] {
  const quoted = `"${name.replace(/"/g, '""')}"`;
  const type = String(property.type);
  const details = isRecord(property[type]) ? (property[type] as Wire) : {};
  const options = Array.isArray(details.options)
    ? details.options.flatMap((o) =>
        isRecord(o) && typeof o.name === "string" ? [`'${o.name.replace(/'/g, "''")}'`] : [],
      )
    : [];
  switch (type) {
    case "date":
      return [
        `"date:${name}:start" TEXT -- ISO-8601 date or datetime`,
        `"date:${name}:end" TEXT`,
        `"date:${name}:is_datetime" INTEGER -- 1 or 0`,
      ];
    case "number":
      return [`${quoted} FLOAT`];
    case "checkbox":
      return [`${quoted} TEXT -- "__YES__" or "__NO__"`];
    case "select":
    case "status":
      return [`${quoted} TEXT -- one of ${options.join(", ") || "(no options yet)"}`];
    case "multi_select":
      return [`${quoted} TEXT -- JSON array of ${options.join(", ") || "(no options yet)"}`];
    case "people":
      return [`${quoted} TEXT -- JSON array of user:// URLs`];
    case "relation":
      return [`${quoted} TEXT -- JSON array of page URLs`];
    case "title":
      return [`${quoted} TEXT -- title`];
    default:
      return [`${quoted} TEXT -- ${type}`];
  }
}

export function createTableOf(dataSource: Wire): string {
  const properties = isRecord(dataSource.properties) ? dataSource.properties : {};
  const columns = [
    "url TEXT UNIQUE",
    ...Object.entries(properties).flatMap(([name, p]) => (isRecord(p) ? columnsOf(name, p) : [])),
    "createdTime TEXT",
  ];
  return `CREATE TABLE "${collectionUrl(String(dataSource.id))}" (\n\t${columns.join(",\n\t")}\n)`;
}

export function renderDataSource(dataSource: Wire): string {
  const url = collectionUrl(String(dataSource.id));
  return [
    `<data-source url="${url}">`,
    "<data-source-state>",
    JSON.stringify({
      name: plainText(dataSource.title),
      url,
      description: plainText(dataSource.description),
    }),
    "</data-source-state>",
    "<sqlite-table>",
    createTableOf(dataSource),
    "</sqlite-table>",
    "</data-source>",
  ].join("\n");
}

export function renderDatabase(database: Wire, sources: Wire[]): string {
  return [
    `<database url="${attr(String(database.url))}" inline="${database.is_inline === true}">`,
    `<title>${plainText(database.title)}</title>`,
    "<data-sources>",
    ...sources.map(renderDataSource),
    "</data-sources>",
    "</database>",
  ].join("\n");
}

export { pageTitleOf };
