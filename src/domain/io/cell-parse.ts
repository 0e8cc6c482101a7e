import type { JsonObject } from "../validation.ts";

/** CSV cell text → the `properties` request value of a page write; `undefined` leaves it unset. */

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
// Notion's export: "January 5, 2026", "January 5, 2026 3:04 PM", sometimes with "(GMT+1)" after it.
const NOTION_DATE =
  /^([A-Za-z]+) (\d{1,2}), (\d{4})(?: (\d{1,2}):(\d{2})(?: ?([AaPp][Mm]))?)?(?: \([^)]*\))?$/;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** One date in ISO 8601 or Notion's export wording, as an ISO string; null when it is neither. */
export function parseDateText(text: string): string | null {
  const value = text.trim();
  if (ISO_DATE.test(value)) return value;
  const match = NOTION_DATE.exec(value);
  if (!match) return null;
  const month = MONTHS.indexOf((match[1] as string).toLowerCase());
  if (month < 0) return null;
  const date = `${match[3]}-${pad(month + 1)}-${pad(Number(match[2]))}`;
  if (match[4] === undefined) return date;
  let hour = Number(match[4]);
  const meridiem = match[6]?.toLowerCase();
  if (meridiem === "pm" && hour < 12) hour += 12;
  if (meridiem === "am" && hour === 12) hour = 0;
  return `${date}T${pad(hour)}:${match[5]}:00.000Z`;
}

export function parseDateRange(text: string): { start: string; end: string | null } | null {
  const [first, second, ...rest] = text.split(" → ");
  if (rest.length > 0 || first === undefined) return null;
  const start = parseDateText(first);
  const end = second === undefined ? null : parseDateText(second);
  if (!start || (second !== undefined && !end)) return null;
  return { start, end };
}

export function parseNumberText(text: string): number | null {
  const value = text.trim().replace(/^(-?)[$€£]/, "$1");
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^-?\.\d+$/.test(value)) return null;
  return Number(value.replace(/,/g, ""));
}

export function parseCheckbox(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (value === "yes" || value === "true") return true;
  if (value === "no" || value === "false" || value === "") return false;
  return null;
}

export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `Title (link), Other (link)` as Notion writes relations; a bare `Title` has no link. */
export function splitRelations(text: string): Array<{ title: string; link: string | null }> {
  const out: Array<{ title: string; link: string | null }> = [];
  const pattern = /\s*(.*?) \(([^()]*)\)\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while ((match = pattern.exec(text)) !== null && match[0] !== "") {
    out.push({ title: match[1] as string, link: match[2] as string });
    at = pattern.lastIndex;
  }
  if (at < text.length) for (const title of splitList(text.slice(at))) out.push({ title, link: null });
  return out;
}

const URL_TEXT = /^https?:\/\/\S+$/i;
const EMAIL_TEXT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function textValue(text: string): JsonObject[] {
  const chunks: JsonObject[] = [];
  for (let i = 0; i < text.length; i += 2000) chunks.push({ text: { content: text.slice(i, i + 2000) } });
  return chunks;
}

/**
 * A request value for a writable, non-relation property type, or `undefined` to leave it empty;
 * throws a message when the text can't be that type.
 */
export function parseCell(type: string, text: string): unknown {
  const value = text.trim();
  switch (type) {
    case "title":
    case "rich_text":
      return textValue(text);
    case "number": {
      if (value === "") return undefined;
      const n = parseNumberText(value);
      if (n === null) throw new Error(`"${value}" is not a number`);
      return n;
    }
    case "select":
    case "status":
      return value === "" ? undefined : { name: value.replace(/,/g, " ") };
    case "multi_select":
      return splitList(value).map((name) => ({ name }));
    case "date": {
      if (value === "") return undefined;
      const range = parseDateRange(value);
      if (!range) throw new Error(`"${value}" is not a date`);
      return range;
    }
    case "checkbox": {
      const b = parseCheckbox(value);
      if (b === null) throw new Error(`"${value}" is not Yes or No`);
      return b;
    }
    case "url":
    case "email":
    case "phone_number":
      return value === "" ? undefined : value;
    case "files":
      return splitList(value)
        .filter((url) => URL_TEXT.test(url))
        .map((url) => ({
          name: decodeURIComponent(url.split("/").at(-1) || "file").slice(0, 100),
          external: { url },
        }));
    default:
      return undefined;
  }
}

/** Relation links that point at a page of the export (an id in the link, or a `.md` path). */
export function looksLikeRelations(values: string[]): boolean {
  return values.every((v) =>
    splitRelations(v).every(
      (r) => r.link !== null && (/[0-9a-f]{32}/i.test(r.link) || r.link.endsWith(".md")),
    ),
  );
}

/**
 * A property type for a CSV column of a Notion export, which carries no schema: the narrowest type
 * every non-empty value fits. Select is chosen for short, repeating values; multi-select for
 * comma lists whose items repeat; anything else is text.
 */
export function inferColumnType(
  cells: string[],
): "checkbox" | "number" | "date" | "url" | "email" | "select" | "multi_select" | "relation" | "rich_text" {
  const values = cells.map((c) => c.trim()).filter(Boolean);
  if (values.length === 0) return "rich_text";
  if (values.every((v) => /^(yes|no)$/i.test(v)) && cells.every((c) => c.trim() !== "")) return "checkbox";
  if (values.every((v) => parseNumberText(v) !== null)) return "number";
  if (values.every((v) => parseDateRange(v) !== null)) return "date";
  if (values.every((v) => URL_TEXT.test(v))) return "url";
  if (values.every((v) => EMAIL_TEXT.test(v))) return "email";
  if (values.every((v) => / \([^()]*\)/.test(v)) && looksLikeRelations(values)) return "relation";
  const short = values.every((v) => v.length <= 60 && !v.includes("\n"));
  if (!short) return "rich_text";
  const items = values.flatMap(splitList);
  const distinct = new Set(items).size;
  const repeats = distinct < items.length;
  if (values.some((v) => v.includes(",")) && repeats && distinct <= 50) return "multi_select";
  const distinctValues = new Set(values).size;
  if (distinctValues < values.length && distinctValues <= 25) return "select";
  return "rich_text";
}
