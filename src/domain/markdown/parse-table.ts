import { parseAttributes } from "./escape.ts";
import { parseInlineMarkdown } from "./inline.ts";
import type { MarkdownNode } from "./nodes.ts";

/**
 * `<table header-row header-column>` with `<tr><td>` rows (guides/data-apis/enhanced-markdown, "Table").
 * Cells hold rich text only; rows shorter than the widest are padded with empty cells. Colors of
 * rows, columns and cells have no place in the API's table blocks and are dropped.
 */
export function parseTable(openTag: string, body: string, line: number): MarkdownNode {
  const attributes = parseAttributes(/^<table\b(.*)>$/i.exec(openTag)?.[1] ?? "");
  const rows = [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)(?<!\\)<\/tr>/gi)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[dh]\b[^>]*>([\s\S]*?)(?<!\\)<\/t[dh]>/gi)].map((cell) =>
      parseInlineMarkdown((cell[1] ?? "").trim()),
    ),
  );
  const width = Math.max(1, ...rows.map((cells) => cells.length));
  const children = rows.map((cells) => ({
    type: "table_row",
    data: { cells: [...cells, ...Array.from({ length: width - cells.length }, () => [])] },
    children: [],
    line,
  }));
  return {
    type: "table",
    data: {
      table_width: width,
      has_column_header: attributes["header-row"] === "true",
      has_row_header: attributes["header-column"] === "true",
    },
    children,
    line,
  };
}
