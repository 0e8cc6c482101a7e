import { ApiError } from "../../errors.ts";
import type { PropertySchema, PropertyType } from "../properties/types.ts";

/** A schema with one property of every filterable type, for the parser's tests. */
export function testProperty(id: string, name: string, type: PropertyType, config = {}): PropertySchema {
  return { id, name, description: null, type, config };
}

export const TEST_SCHEMA: PropertySchema[] = [
  testProperty("title", "Name", "title"),
  testProperty("txt", "Notes", "rich_text"),
  testProperty("url", "Link", "url"),
  testProperty("eml", "Mail", "email"),
  testProperty("tel", "Phone", "phone_number"),
  testProperty("num", "Score", "number"),
  testProperty("chk", "Done", "checkbox"),
  testProperty("sel", "Priority", "select", { options: [{ name: "High" }, { name: "Low" }, { bad: 1 }] }),
  testProperty("sts", "Stage", "status", { options: [{ name: "Todo" }, { name: "Done" }] }),
  testProperty("ms", "Tags", "multi_select", { options: [{ name: "red" }] }),
  testProperty("dt", "When", "date"),
  testProperty("ppl", "Owners", "people"),
  testProperty("fil", "Files", "files"),
  testProperty("rel", "Related", "relation"),
  testProperty("cb", "Creator", "created_by"),
  testProperty("ct", "Created", "created_time"),
  testProperty("leb", "Editor", "last_edited_by"),
  testProperty("let", "Edited", "last_edited_time"),
  testProperty("fx", "Formula", "formula", { expression: "1" }),
  testProperty("uid", "Ticket", "unique_id", { prefix: null }),
  testProperty("ro", "Rollup", "rollup", { function: "show_original" }),
  testProperty("ver", "Verified", "verification"),
  testProperty("btn", "Button", "button"),
  // Named like another property's id: names win.
  testProperty("zzz", "num", "rich_text"),
];

/** The code and message of the ApiError `work` throws. */
export function apiErrorOf(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an ApiError, but nothing was thrown");
}
