import type { PropertySchema, StoredValues } from "./properties/types.ts";
import { isObject } from "./validation.ts";

/**
 * The values a page outside the target data source hands to a page made from it. Notion allows it
 * ("the `template_id` parameter can be set to any page, not necessarily a page officially designated
 * as a template in the same data source") and warns that "the schema may not match, causing some
 * properties to fail to be merged into the destination page" (developers.notion.com/docs/
 * creating-pages-from-templates, "Can I use any page as a template?"). So the title always carries, as
 * it does when a page moves between parents; another property carries only to a property of the same
 * name and type, and only what is valid there: select and status options by name among the target's
 * options, relations only between properties that point at the same data source.
 *
 * `from` is the template's own schema, or null when it is a standalone page (its only property is its
 * title, stored as `{title: {id, type, title}}`). The result is keyed by the target's property ids.
 */
export function valuesFromOtherSource(
  target: PropertySchema[],
  from: PropertySchema[] | null,
  values: StoredValues,
): StoredValues {
  const result: StoredValues = {};
  for (const property of target) {
    if (property.type === "title") {
      const title = titleValue(from, values);
      if (title !== undefined) result[property.id] = title;
      continue;
    }
    const match = from?.find((p) => p.name === property.name && p.type === property.type);
    const value = match ? values[match.id] : undefined;
    if (!match || value === undefined) continue;
    const carried = carry(property, match, value);
    if (carried !== undefined) result[property.id] = carried;
  }
  return result;
}

function titleValue(from: PropertySchema[] | null, values: StoredValues): unknown {
  if (from) {
    const title = from.find((p) => p.type === "title");
    return title ? values[title.id] : undefined;
  }
  const stored = values.title;
  return isObject(stored) && Array.isArray(stored.title) ? stored.title : undefined;
}

function optionNamed(property: PropertySchema, option: unknown): unknown {
  if (!isObject(option)) return undefined;
  const options = Array.isArray(property.config.options) ? property.config.options : [];
  const found = options.find((o) => isObject(o) && o.name === option.name);
  return isObject(found) ? { id: found.id, name: found.name, color: found.color } : undefined;
}

function carry(property: PropertySchema, from: PropertySchema, value: unknown): unknown {
  switch (property.type) {
    case "select":
    case "status":
      return value === null ? null : optionNamed(property, value);
    case "multi_select":
      return Array.isArray(value)
        ? value.map((option) => optionNamed(property, option)).filter((o) => o !== undefined)
        : undefined;
    case "relation":
      return property.config.data_source_id === from.config.data_source_id ? value : undefined;
    default:
      return value;
  }
}
