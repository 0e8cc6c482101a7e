import { isRecord, wrong } from "./args.ts";
import { readId, userUrl } from "./ids.ts";
import { ToolInputError } from "./tool-errors.ts";

/**
 * The hosted tools' "SQLite values" (reference mcp-and-workers A2 "Property values"): one flat value per
 * property, dates expanded to `date:<Prop>:start|end|is_datetime`, checkboxes as `__YES__`/`__NO__`,
 * people and relations as arrays of URLs. Converted to and from the REST API's property values, so the
 * page services (and their validation) do the rest.
 */
type Wire = Record<string, unknown>;
export type SqliteValues = Record<string, unknown>;

const YES = "__YES__";
const NO = "__NO__";
/** Properties named `id` or `url` would clash with the row's own columns. */
const RESERVED = new Set(["id", "url"]);

function plain(items: unknown): string {
  if (!Array.isArray(items)) return "";
  return items
    .map((item) => (isRecord(item) && typeof item.plain_text === "string" ? item.plain_text : ""))
    .join("");
}

function nameOf(option: unknown): string | null {
  return isRecord(option) && typeof option.name === "string" ? option.name : null;
}

function idsOf(list: unknown): string[] {
  return Array.isArray(list)
    ? list.flatMap((x) => (isRecord(x) && typeof x.id === "string" ? [x.id] : []))
    : [];
}

function formulaValue(formula: Wire): unknown {
  const type = formula.type;
  if (type === "boolean") return formula.boolean === true ? YES : NO;
  if (type === "date") return isRecord(formula.date) ? formula.date.start : null;
  return typeof type === "string" ? (formula[type] ?? null) : null;
}

/** One property value of a page (wire JSON) as the hosted tools show it; dates add their own keys. */
function toSqlite(name: string, value: Wire, out: SqliteValues, pageUrl: (id: string) => string): void {
  const key = RESERVED.has(name.toLowerCase()) ? `userDefined:${name}` : name;
  const type = value.type as string;
  const data = value[type];
  switch (type) {
    case "title":
    case "rich_text":
      out[key] = plain(data);
      return;
    case "select":
    case "status":
      out[key] = nameOf(data);
      return;
    case "multi_select":
      out[key] = Array.isArray(data) ? data.map(nameOf) : [];
      return;
    case "checkbox":
      out[key] = data === true ? YES : NO;
      return;
    case "date":
      if (isRecord(data)) {
        const start = typeof data.start === "string" ? data.start : null;
        out[`date:${name}:start`] = start;
        out[`date:${name}:end`] = data.end ?? null;
        out[`date:${name}:is_datetime`] = start && start.includes("T") ? 1 : 0;
      } else out[`date:${name}:start`] = null;
      return;
    case "people":
      out[key] = idsOf(data).map(userUrl);
      return;
    case "relation":
      out[key] = idsOf(data).map(pageUrl);
      return;
    case "created_by":
    case "last_edited_by":
      out[key] = isRecord(data) && typeof data.id === "string" ? userUrl(data.id) : null;
      return;
    case "formula":
      out[key] = isRecord(data) ? formulaValue(data) : null;
      return;
    case "unique_id":
      out[key] = isRecord(data) ? [data.prefix, data.number].filter((x) => x != null).join("-") : null;
      return;
    case "files":
      out[key] = Array.isArray(data)
        ? data.map((f) =>
            isRecord(f) && isRecord(f[f.type as string]) ? (f[f.type as string] as Wire).url : null,
          )
        : [];
      return;
    case "rollup":
      out[key] = isRecord(data) ? (data[data.type as string] ?? null) : null;
      return;
    default:
      out[key] = data ?? null;
  }
}

/** A page's wire `properties` as SQLite values. */
export function sqliteValuesOf(properties: Wire, pageUrl: (id: string) => string): SqliteValues {
  const out: SqliteValues = {};
  for (const [name, value] of Object.entries(properties))
    if (isRecord(value)) toSqlite(name, value, out, pageUrl);
  return out;
}

/** Notion caps one rich text item at 2,000 characters, so long text travels as several. */
function richText(text: string) {
  const items = [];
  for (let at = 0; at < text.length; at += 2000)
    items.push({ type: "text", text: { content: text.slice(at, at + 2000) } });
  return items;
}

function list(field: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") {
    const text = value.trim();
    if (text.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // Not JSON: read it as a comma-separated list below.
      }
    }
    return text === "" ? [] : text.split(",").map((s) => s.trim());
  }
  if (value === null) return [];
  return wrong(field, "an array", value);
}

function text(field: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return wrong(field, "a string", value);
}

/** One SQLite value as the REST API's property value for a property of this type. */
function fromSqlite(field: string, type: string, value: unknown): Wire {
  if (
    value === null &&
    !["title", "rich_text", "multi_select", "people", "relation", "checkbox"].includes(type)
  )
    return { [type]: null };
  switch (type) {
    case "title":
    case "rich_text":
      return { [type]: value === null ? [] : richText(text(field, value)) };
    case "number": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n !== "number" || !Number.isFinite(n)) wrong(field, "a number", value);
      return { number: n };
    }
    case "select":
    case "status":
      return { [type]: { name: text(field, value) } };
    case "multi_select":
      return { multi_select: list(field, value).map((v, i) => ({ name: text(`${field}[${i}]`, v) })) };
    case "checkbox":
      if (value === YES || value === true || value === 1) return { checkbox: true };
      if (value === NO || value === false || value === 0 || value === null) return { checkbox: false };
      return wrong(field, `"${YES}" or "${NO}"`, value);
    case "url":
    case "email":
    case "phone_number":
      return { [type]: text(field, value) };
    case "people":
      return {
        people: list(field, value).map((v, i) => ({ id: readId(text(`${field}[${i}]`, v), field).id })),
      };
    case "relation":
      return {
        relation: list(field, value).map((v, i) => ({ id: readId(text(`${field}[${i}]`, v), field).id })),
      };
    default:
      throw new ToolInputError(
        `${field} is a ${type} property, which Notion computes or which these tools can't set; leave it out.`,
      );
  }
}

export interface SchemaProperty {
  name: string;
  type: string;
}

/**
 * SQLite values → the REST API's `properties`, read against a data source's schema (or, outside one,
 * the page's only property, `title`). Unknown names are refused with the names that exist.
 */
export function wirePropertiesOf(values: SqliteValues, schema: SchemaProperty[], field: string): Wire {
  const byName = new Map(schema.map((p) => [p.name, p]));
  const out: Wire = {};
  const dates = new Map<string, { start?: unknown; end?: unknown; isDatetime?: unknown }>();
  for (const [rawKey, value] of Object.entries(values)) {
    const date = /^date:(.+):(start|end|is_datetime)$/.exec(rawKey);
    if (date?.[1] && date[2]) {
      const entry = dates.get(date[1]) ?? {};
      if (date[2] === "start") entry.start = value;
      else if (date[2] === "end") entry.end = value;
      else entry.isDatetime = value;
      dates.set(date[1], entry);
      continue;
    }
    const key = rawKey.startsWith("userDefined:") ? rawKey.slice("userDefined:".length) : rawKey;
    const property =
      byName.get(key) ?? (key === "title" ? schema.find((p) => p.type === "title") : undefined);
    if (!property) throw unknownProperty(`${field}.${rawKey}`, key, schema);
    out[property.name] = fromSqlite(`${field}.${rawKey}`, property.type, value);
  }
  for (const [name, entry] of dates) {
    const property = byName.get(name);
    if (!property || property.type !== "date")
      throw unknownProperty(`${field}.date:${name}:start`, name, schema, "date ");
    if (entry.start === null || entry.start === undefined) {
      out[name] = { date: null };
      continue;
    }
    const start = text(`${field}.date:${name}:start`, entry.start);
    const end =
      entry.end === undefined || entry.end === null ? null : text(`${field}.date:${name}:end`, entry.end);
    // is_datetime 0 keeps only the day of a datetime given, as the hosted tool reads it.
    const dayOnly = entry.isDatetime === 0 || entry.isDatetime === "0";
    out[name] = {
      date: { start: dayOnly ? start.slice(0, 10) : start, end: end && dayOnly ? end.slice(0, 10) : end },
    };
  }
  return out;
}

function unknownProperty(field: string, name: string, schema: SchemaProperty[], kind = ""): ToolInputError {
  const names = schema.map((p) => `"${p.name}" (${p.type})`).join(", ");
  return new ToolInputError(`${field}: there is no ${kind}property "${name}". The properties are: ${names}.`);
}
