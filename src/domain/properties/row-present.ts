import type { JsonObject } from "../validation.ts";
import { partialUser } from "../partial-user.ts";
import type { PropertySchema } from "./types.ts";
import { presentComputed, presentRowValue } from "./value-present.ts";

/** What a row's `properties` are built from: its stored values and its creation and edit stamps. */
export interface RowStamps {
  properties: JsonObject | null;
  createdTime: string;
  lastEditedTime: string;
  createdBy: string;
  lastEditedBy: string;
}

/** Empty results for computed properties a row has not been computed for yet. */
const EMPTY_FORMULA = { type: "string", string: null };

function computedValue(property: PropertySchema, page: RowStamps): unknown {
  const stored = page.properties?.[property.id];
  switch (property.type) {
    case "created_time":
      return page.createdTime;
    case "last_edited_time":
      return page.lastEditedTime;
    case "created_by":
      return partialUser(page.createdBy);
    case "last_edited_by":
      return partialUser(page.lastEditedBy);
    case "formula":
      return stored ?? EMPTY_FORMULA;
    case "rollup":
      return stored ?? { type: "array", array: [], function: property.config.function };
    case "unique_id":
      return stored ?? { prefix: property.config.prefix ?? null, number: null };
    case "button":
      return {};
    default:
      return null;
  }
}

const COMPUTED = new Set([
  "created_time",
  "last_edited_time",
  "created_by",
  "last_edited_by",
  "formula",
  "rollup",
  "unique_id",
  "button",
]);

/** A data source row's `properties`: every schema property by name, in schema order. */
/** Values are shaped alike in every Notion-Version; only the page around them differs. */
export function presentRowProperties(schema: PropertySchema[], page: RowStamps) {
  const out: Record<string, unknown> = {};
  for (const property of schema) {
    out[property.name] = COMPUTED.has(property.type)
      ? presentComputed(property, computedValue(property, page))
      : presentRowValue(property, page.properties?.[property.id]);
  }
  return out;
}
