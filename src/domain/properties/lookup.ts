import type { PropertySchema } from "./types.ts";

function decoded(key: string): string | undefined {
  try {
    return decodeURIComponent(key);
  } catch {
    return undefined;
  }
}

/**
 * Request keys may be property names or ids (D:reference/page-property-values). Names win, so a
 * property called "title" is found by its name; ids may also arrive URL-encoded, as Notion serves them.
 */
export function findPropertyIndex(schema: PropertySchema[], key: string): number {
  const byName = schema.findIndex((p) => p.name === key);
  if (byName >= 0) return byName;
  const byId = schema.findIndex((p) => p.id === key);
  if (byId >= 0) return byId;
  const id = decoded(key);
  return id === undefined || id === key ? -1 : schema.findIndex((p) => p.id === id);
}

export function findProperty(schema: PropertySchema[], key: string): PropertySchema | undefined {
  return schema[findPropertyIndex(schema, key)];
}

/** Notion's message for a key that names no property of the schema. */
export function notAProperty(key: string): string {
  return `${key} is not a property that exists.`;
}
