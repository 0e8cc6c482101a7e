import { parseCell, splitList, splitRelations } from "../../domain/io/cell-parse.ts";
import { decodePath, resolvePath } from "../../domain/io/file-names.ts";
import type { JsonObject } from "../../domain/validation.ts";
import type { Plan, PlanDatabase, PlanPage, PlanProperty } from "./import-plan.ts";

/** Property types whose values a page write sets (the rest are computed, or set by Quire). */
const WRITABLE = new Set([
  "title",
  "rich_text",
  "number",
  "select",
  "multi_select",
  "status",
  "date",
  "checkbox",
  "url",
  "email",
  "phone_number",
  "files",
  "people",
]);

/** Schema types created with the database; relations, rollups and formulas come once all exist. */
export const LINKED_TYPES = new Set(["relation", "rollup", "formula"]);

/** A schema entry's request config: option ids are dropped (Quire assigns new ones). */
export function propertyRequest(property: PlanProperty): JsonObject {
  const config: JsonObject = { ...property.config };
  if (Array.isArray(config.options)) {
    config.options = config.options.map((o) => {
      const option = o as JsonObject;
      return { name: option.name, ...(option.color ? { color: option.color } : {}) };
    });
  }
  if (property.type === "status") delete config.groups;
  return { type: property.type, [property.type]: config };
}

/**
 * The `properties` of a row's create request from its CSV cells; throws "column: message" for a
 * cell its type can't hold. People are matched by name or id against the target workspace.
 */
export function rowValues(
  database: PlanDatabase,
  cells: Map<string, string>,
  users: Map<string, string>,
): JsonObject {
  const out: JsonObject = {};
  for (const property of database.properties) {
    const text = cells.get(property.name);
    if (text === undefined || !WRITABLE.has(property.type)) continue;
    if (property.type === "people") {
      const ids = splitList(text).flatMap((name) => {
        const id = users.get(name) ?? users.get(name.toLowerCase());
        return id ? [{ id }] : [];
      });
      out[property.name] = { people: ids };
      continue;
    }
    try {
      const value = parseCell(property.type, text);
      if (value !== undefined) out[property.name] = { [property.type]: value };
    } catch (error) {
      throw new Error(`column "${property.name}": ${(error as Error).message}`);
    }
  }
  return out;
}

const ID = /[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The planned page a relation link names: an old id in it, a `.md` path, or else the title. */
export function relationTargets(
  plan: Plan,
  csvFile: string,
  text: string,
  candidates: PlanPage[],
): PlanPage[] {
  return splitRelations(text).flatMap(({ title, link }) => {
    if (link) {
      const ids = [...link.matchAll(ID)].map((m) => m[0].replace(/-/g, "").toLowerCase());
      const byId = ids.map((id) => plan.nodesById.get(id)).find((n) => n?.kind === "page");
      if (byId?.kind === "page") return [byId];
      const byPath = plan.pagesByFile.get(resolvePath(csvFile, decodePath(link)));
      if (byPath) return [byPath];
    }
    const byTitle = candidates.find((p) => p.title === title);
    return byTitle ? [byTitle] : [];
  });
}

/** Replaces old ids anywhere in markdown (page URLs, mentions) with the new ones. */
export function replaceIds(markdown: string, newIds: Map<string, string>): string {
  return markdown.replace(ID, (match) => {
    const next = newIds.get(match.replace(/-/g, "").toLowerCase());
    return next ? next.replace(/-/g, "") : match;
  });
}
