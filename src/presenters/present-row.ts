import { presentComputed, presentRowValue } from "../domain/properties/index.ts";
import type { PropertySchema } from "../domain/properties/types.ts";
import type { ApiVersion } from "../domain/versions.ts";
import type { BlockRecord } from "../storage/block-repo.ts";
import { partialUser } from "./present-common.ts";

/** Empty results for computed properties a row has not been computed for yet. */
const EMPTY_FORMULA = { type: "string", string: null };

function computedValue(property: PropertySchema, page: BlockRecord): unknown {
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
export function presentRowProperties(schema: PropertySchema[], page: BlockRecord, version: ApiVersion) {
  const out: Record<string, unknown> = {};
  for (const property of schema) {
    out[property.name] = COMPUTED.has(property.type)
      ? presentComputed(property, computedValue(property, page))
      : presentRowValue(property, page.properties?.[property.id], version);
  }
  return out;
}
