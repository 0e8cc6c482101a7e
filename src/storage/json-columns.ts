import { type JsonObject, isObject } from "../domain/validation.ts";

/**
 * Stored JSON columns are decoded here, once, and checked, so a row written by an older version or
 * edited by hand fails loudly at the storage edge instead of as a wrong type deep inside a service.
 */
export class StoredShapeError extends Error {
  constructor(column: string, expected: string) {
    super(`The stored ${column} is not ${expected}.`);
    this.name = "StoredShapeError";
  }
}

/** A column holding a JSON list of strings (integration capabilities, OAuth redirect URIs). */
export function decodeStringList(text: string, column: string): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string"))
    throw new StoredShapeError(column, "a list of strings");
  return value;
}

/** A column holding a JSON object, or SQL null. */
export function decodeObject(text: string | null, column: string): JsonObject | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  if (!isObject(value)) throw new StoredShapeError(column, "an object");
  return value;
}
