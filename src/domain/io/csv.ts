/** RFC 4180 CSV, as Notion's "Markdown & CSV" export writes it (comma separated, quoted when needed). */

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function writeCsv(rows: string[][]): string {
  return rows.map((row) => row.map(quote).join(",")).join("\n") + "\n";
}

/** Parses CSV text (a UTF-8 BOM, as Notion writes, is dropped); throws a message naming the line. */
export function parseCsv(text: string): string[][] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        const next = source[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
          throw new Error(`line ${line}: unexpected text after a closing quote`);
        continue;
      }
      if (ch === "\n") line++;
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
      i++;
    } else if (ch === "\r" || ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += ch === "\r" && source[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      cell += ch;
      i++;
    }
  }
  if (quoted) throw new Error(`line ${line}: a quoted cell is never closed`);
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}
