import type { NewOption } from "./model.ts";
import { readGroups, readOptions, regroup } from "./select-options.ts";
import type { PropertySchema } from "./types.ts";

/** The schema with the options a row write created appended to their properties. */
export function addOptions(schema: PropertySchema[], created: NewOption[]): PropertySchema[] {
  if (created.length === 0) return schema;
  return schema.map((entry) => {
    const mine = created.filter((c) => c.propertyId === entry.id).map((c) => c.option);
    if (mine.length === 0) return entry;
    const options = [...readOptions(entry.config), ...mine];
    const config =
      entry.type === "status"
        ? { ...entry.config, options, groups: regroup(readGroups(entry.config), options) }
        : { ...entry.config, options };
    return { ...entry, config };
  });
}
