/**
 * Compares two JSON answers by shape, not value: the same keys at every level and the same JSON type
 * for each value. `null` matches any type (Notion sends it for a value that happens to be unset), arrays
 * are compared element by element as far as both go, and two objects whose `type` differs (a paragraph
 * and a heading) are different kinds of thing, so nothing below them is compared.
 */
export interface ShapeDifference {
  /** A JSON path with array indexes written `[]`, so one difference in every element reads once. */
  path: string;
  kind: string;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Quire's element standing for Notion's: the one with the id learnt for it, else the same index. */
function counterpart(item: unknown, index: number, quire: unknown[], ids: Map<string, string>): unknown {
  const id = (item as { id?: unknown } | null)?.id;
  if (typeof id !== "string") return quire[index];
  const mapped = ids.get(idKey(id.match(UUID)?.[0] ?? id));
  if (!mapped) return undefined;
  return quire.find((q) => idKey(String((q as { id?: unknown } | null)?.id ?? "")).includes(idKey(mapped)));
}

export function compareShapes(
  notion: unknown,
  quire: unknown,
  ids: Map<string, string> = new Map(),
  path = "",
): ShapeDifference[] {
  const expected = jsonType(notion);
  const actual = jsonType(quire);
  if (expected === "null" || actual === "null") return [];
  if (expected !== actual) return [{ path: path || "/", kind: `${expected} in Notion, ${actual} in Quire` }];
  if (Array.isArray(notion) && Array.isArray(quire)) {
    const differences: ShapeDifference[] = [];
    notion.forEach((item, i) => {
      const other = counterpart(item, i, quire, ids);
      if (other !== undefined) differences.push(...compareShapes(item, other, ids, `${path}[]`));
    });
    return differences;
  }
  if (expected !== "object") return [];
  const n = notion as Record<string, unknown>;
  const q = quire as Record<string, unknown>;
  if (typeof n["type"] === "string" && typeof q["type"] === "string" && n["type"] !== q["type"]) return [];
  const differences: ShapeDifference[] = [];
  for (const key of Object.keys(n)) {
    if (!(key in q)) differences.push({ path: `${path}/${key}`, kind: "missing in Quire" });
    else differences.push(...compareShapes(n[key], q[key], ids, `${path}/${key}`));
  }
  for (const key of Object.keys(q)) {
    if (!(key in n)) differences.push({ path: `${path}/${key}`, kind: "not sent by Notion" });
  }
  return differences;
}

const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi;

/** An id as a map key: without dashes, lower case. */
export const idKey = (id: string): string => id.replaceAll("-", "").toLowerCase();

/** Every id in a string, replaced through `map` (ids it lacks become `fallback`). */
export function replaceIds(
  text: string,
  map: Map<string, string>,
  fallback: string,
  encode: (value: string) => string = (value) => value,
): string {
  return text.replace(UUID, (id) => encode(map.get(idKey(id)) ?? fallback));
}

/** Walks Notion's and Quire's answers side by side, learning which Quire id stands for which Notion id. */
export function learnIds(notion: unknown, quire: unknown, map: Map<string, string>): void {
  if (Array.isArray(notion) && Array.isArray(quire)) {
    // Lists of different lengths hold different things (Notion's workspace had more in it): nothing to learn.
    if (notion.length === quire.length) notion.forEach((item, i) => learnIds(item, quire[i], map));
    return;
  }
  if (!notion || !quire || typeof notion !== "object" || typeof quire !== "object") return;
  const n = notion as Record<string, unknown>;
  const q = quire as Record<string, unknown>;
  if (typeof n["type"] === "string" && n["type"] !== q["type"]) return;
  for (const [key, value] of Object.entries(n)) {
    const other = q[key];
    if (key === "next_cursor" && typeof value === "string" && typeof other === "string") {
      // Notion's cursors are ids; Quire's are opaque. The next request sends Notion's back.
      const from = value.match(UUID)?.[0];
      if (from) map.set(`cursor:${idKey(from)}`, other);
    } else if (
      typeof value === "string" &&
      typeof other === "string" &&
      (key === "id" || key.endsWith("_id"))
    ) {
      const from = value.match(UUID)?.[0];
      const to = other.match(UUID)?.[0];
      if (from && to && !map.has(idKey(from))) map.set(idKey(from), to);
    } else learnIds(value, other, map);
  }
}

/** `/v1/pages/{id}/properties/title`: the route an answer belongs to, ids written `{id}`. */
export function routeOf(method: string, path: string): string {
  return `${method} ${path.replace(UUID, "{id}")}`;
}
