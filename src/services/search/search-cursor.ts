import type { SearchKey, SearchOrder } from "../../storage/search/search-repo.ts";
import { invalidCursor } from "../pagination.ts";

/** Cursors carry the order they were made for and the key of the last result served. */
export function searchCursor(order: SearchOrder, key: SearchKey): string {
  return Buffer.from(JSON.stringify([order, key.tier, key.time, key.id])).toString("base64url");
}

export function readSearchCursor(cursor: string, order: SearchOrder): SearchKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString());
  } catch {
    throw invalidCursor(cursor);
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw invalidCursor(cursor);
  const [cursorOrder, tier, time, id] = parsed as unknown[];
  if (
    cursorOrder !== order ||
    typeof tier !== "number" ||
    typeof time !== "string" ||
    typeof id !== "string"
  ) {
    throw invalidCursor(cursor);
  }
  return { tier, time, id };
}
