import { presentRowValue } from "../../domain/properties/index.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import { plainText } from "../../domain/rich-text.ts";
import { isObject } from "../../domain/validation.ts";
import type { BlockRecord } from "../../storage/block-repo.ts";

/** A rolled-up property's value on one related page, as Notion serves it inside a rollup array. */
export function rolledValue(
  property: PropertySchema,
  page: BlockRecord,
): { type: string } & Record<string, unknown> {
  switch (property.type) {
    case "created_time":
      return { type: "created_time", created_time: page.createdTime };
    case "last_edited_time":
      return { type: "last_edited_time", last_edited_time: page.lastEditedTime };
    case "created_by":
      return { type: "created_by", created_by: { object: "user", id: page.createdBy } };
    case "last_edited_by":
      return { type: "last_edited_by", last_edited_by: { object: "user", id: page.lastEditedBy } };
    case "formula":
    case "rollup": {
      const stored = page.properties?.[property.id];
      return { type: property.type, [property.type]: stored ?? null };
    }
    default: {
      const { id: _id, ...value } = presentRowValue(property, page.properties?.[property.id]) as {
        id: string;
        type: string;
      } & Record<string, unknown>;
      return value;
    }
  }
}

/** The scalar elements of one rolled value: numbers, dates (ms), booleans or strings; none when empty. */
export function elementsOf(
  value: { type: string } & Record<string, unknown>,
): Array<number | string | boolean> {
  const inner = value[value.type];
  switch (value.type) {
    case "title":
    case "rich_text": {
      const text = plainText(inner);
      return text ? [text] : [];
    }
    case "number":
      return typeof inner === "number" ? [inner] : [];
    case "checkbox":
      return [inner === true];
    case "select":
    case "status":
      return isObject(inner) && typeof inner.name === "string" ? [inner.name] : [];
    case "multi_select":
      return Array.isArray(inner)
        ? inner.flatMap((o) => (isObject(o) && typeof o.name === "string" ? [o.name] : []))
        : [];
    case "people":
    case "relation":
      return Array.isArray(inner)
        ? inner.flatMap((o) => (isObject(o) && typeof o.id === "string" ? [o.id] : []))
        : [];
    case "date":
      return isObject(inner) && typeof inner.start === "string" ? [Date.parse(inner.start)] : [];
    case "created_time":
    case "last_edited_time":
      return typeof inner === "string" ? [Date.parse(inner)] : [];
    case "created_by":
    case "last_edited_by":
      return isObject(inner) && typeof inner.id === "string" ? [inner.id] : [];
    case "url":
    case "email":
    case "phone_number":
      return typeof inner === "string" && inner ? [inner] : [];
    case "files":
      return Array.isArray(inner)
        ? inner.map((f) => (isObject(f) && typeof f.name === "string" ? f.name : ""))
        : [];
    case "unique_id":
      return isObject(inner) && typeof inner.number === "number" ? [inner.number] : [];
    case "formula":
      return isObject(inner) && typeof inner.type === "string" ? elementsOf(inner as { type: string }) : [];
    case "string":
      return typeof inner === "string" && inner ? [inner] : [];
    case "boolean":
      return typeof inner === "boolean" ? [inner] : [];
    default:
      return [];
  }
}

const DATE_TYPES = new Set(["date", "created_time", "last_edited_time"]);

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function dateOf(ms: number | undefined) {
  return ms === undefined ? null : { start: new Date(ms).toISOString(), end: null, time_zone: null };
}

/** Applies a rollup function to the values of the related pages (S5 RollupFunction). */
export function rollup(fn: string, target: PropertySchema, pages: BlockRecord[]): Record<string, unknown> {
  const values = pages.map((page) => rolledValue(target, page));
  const perPage = values.map(elementsOf);
  const flat = perPage.flat();
  const numbers = flat.filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
  const empties = perPage.filter(
    (e) => e.length === 0 || (target.type === "checkbox" && e[0] === false),
  ).length;
  const checked = flat.filter((v) => v === true).length;
  const number = (n: number | null) => ({ type: "number", number: n, function: fn });
  const ratio = (n: number, d: number) => number(d === 0 ? 0 : n / d);
  const dateType =
    DATE_TYPES.has(target.type) ||
    values.some((v) => v.type === "formula" && isObject(v.formula) && v.formula.type === "date");
  switch (fn) {
    case "show_original":
      return { type: "array", array: values, function: fn };
    case "show_unique": {
      const seen = new Set<string>();
      const unique = values.filter((v) => {
        const key = JSON.stringify(v);
        return seen.has(key) ? false : (seen.add(key), true);
      });
      return { type: "array", array: unique, function: fn };
    }
    case "count":
      return number(pages.length);
    case "count_values":
      return number(flat.length);
    case "empty":
      return number(empties);
    case "not_empty":
      return number(pages.length - empties);
    case "unique":
      return number(new Set(flat.map(String)).size);
    case "percent_empty":
      return ratio(empties, pages.length);
    case "percent_not_empty":
      return ratio(pages.length - empties, pages.length);
    case "checked":
      return number(checked);
    case "unchecked":
      return number(pages.length - checked);
    case "percent_checked":
      return ratio(checked, pages.length);
    case "percent_unchecked":
      return ratio(pages.length - checked, pages.length);
    case "sum":
      return number(numbers.reduce((a, b) => a + b, 0));
    case "average":
      return number(numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : null);
    case "median":
      return number(median(numbers));
    case "min":
      return dateType ? { type: "date", date: dateOf(numbers[0]), function: fn } : number(numbers[0] ?? null);
    case "max":
      return dateType
        ? { type: "date", date: dateOf(numbers.at(-1)), function: fn }
        : number(numbers.at(-1) ?? null);
    case "range":
      return number(numbers.length ? (numbers.at(-1) as number) - (numbers[0] as number) : null);
    case "earliest_date":
      return { type: "date", date: dateOf(numbers[0]), function: fn };
    case "latest_date":
      return { type: "date", date: dateOf(numbers.at(-1)), function: fn };
    case "date_range": {
      const first = numbers[0];
      const last = numbers.at(-1);
      const date =
        first === undefined || last === undefined
          ? null
          : { start: new Date(first).toISOString(), end: new Date(last).toISOString(), time_zone: null };
      return { type: "date", date, function: fn };
    }
    default:
      // count_per_group / percent_per_group depend on status groups and views; Notion itself serves them as unsupported.
      return { type: "unsupported", unsupported: {}, function: fn };
  }
}
