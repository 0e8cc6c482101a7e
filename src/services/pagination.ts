import { excerpt } from "../domain/validation.ts";
import { validationError } from "../errors.ts";

export interface PageRequest {
  startCursor?: string | undefined;
  pageSize: number;
}

export interface Page<T> {
  results: T[];
  nextCursor: string | null;
}

/** Splits `pageSize + 1` fetched rows into a page and the cursor of the row after it. */
export function pageOf<T>(rows: T[], pageSize: number, cursorOf: (row: T) => string): Page<T> {
  const next = rows.length > pageSize ? rows[pageSize] : undefined;
  return { results: rows.slice(0, pageSize), nextCursor: next === undefined ? null : cursorOf(next) };
}

export function invalidCursor(cursor: string) {
  return validationError(`start_cursor provided is invalid: ${excerpt(cursor)}`);
}

/**
 * A cursor for an ordered position inside one list (`scope`): where the next row sits, not which row it
 * is, so it stays valid when that row is moved away or trashed between pages. Opaque, as Notion's are.
 */
export function positionCursor(scope: string, position: string): string {
  return Buffer.from(`${scope}|${position}`).toString("base64url");
}

export function readPositionCursor(cursor: string, scope: string): string {
  const [cursorScope, position] = Buffer.from(cursor, "base64url").toString().split("|");
  if (cursorScope !== scope || !position) throw invalidCursor(cursor);
  return position;
}
