import { validationError } from "../../errors.ts";
import { type JsonObject, excerpt, expectation, failOneOf, requireObject } from "../validation.ts";
import { newOptionId } from "./ids.ts";
import { findProperty, notAProperty } from "./lookup.ts";
import { type RowValues, type SelectOption, WRITABLE_TYPES, type WritableType, isWritable } from "./model.ts";
import { autoColor, defaultStatusOption, readOptions, validateOptionName } from "./select-options.ts";
import type { PropertySchema, StoredValues } from "./types.ts";
import { type OptionRef, type Shape, parseShape } from "./value-shapes.ts";

/** Notion's message when a value's type key doesn't match the property (e.g. "Price is expected to be number."). */
export function expectedType(key: string, type: string): string {
  return `${key} is expected to be ${type}.`;
}

/**
 * Which type key a property value uses. A value with no writable key (including read-only types such
 * as formula or created_time) fails Notion's body validation with the list of writable alternatives.
 */
function shapeOf(raw: unknown, path: string): Shape {
  const input = requireObject(raw, path);
  const declared = typeof input.type === "string" && isWritable(input.type) ? input.type : undefined;
  const type: WritableType | undefined =
    declared !== undefined && input[declared] !== undefined
      ? declared
      : WRITABLE_TYPES.find((t) => input[t] !== undefined);
  if (!type)
    failOneOf(
      path,
      WRITABLE_TYPES.map((t) => expectation(`${path}.${t}`, "defined", undefined)),
    );
  return parseShape(type, input[type], `${path}.${type}`);
}

const stored = (o: SelectOption) => ({ id: o.id, name: o.name, color: o.color });

/** Finds (or, for select and multi_select, creates) the option a value names. */
class OptionResolver {
  private readonly options: SelectOption[];
  constructor(
    private readonly entry: PropertySchema,
    private readonly key: string,
    private readonly out: RowValues,
  ) {
    this.options = readOptions(entry.config);
  }

  resolve(ref: OptionRef, path: string): SelectOption {
    if (ref.id !== undefined) {
      const byId = this.options.find((o) => o.id === ref.id);
      if (byId) return byId;
      throw validationError(
        `Option with id ${excerpt(ref.id)} does not exist for property ${excerpt(this.key)}.`,
      );
    }
    const name = ref.name ?? "";
    const byName = this.options.find((o) => o.name === name);
    if (byName) return byName;
    // Status options are managed in the schema only; writes must name an existing one.
    if (this.entry.type === "status") {
      throw validationError(
        `Status option ${excerpt(name)} does not exist for property ${excerpt(this.key)}.`,
      );
    }
    const option: SelectOption = {
      id: newOptionId(),
      name: validateOptionName(name, `${path}.name`),
      color: ref.color ?? autoColor(this.options.length),
      description: null,
    };
    this.options.push(option);
    this.out.newOptions.push({ propertyId: this.entry.id, option });
    return option;
  }
}

function storeValue(entry: PropertySchema, key: string, shape: Shape, path: string, out: RowValues): unknown {
  switch (shape.type) {
    case "select":
    case "status": {
      if (shape.ref) return stored(new OptionResolver(entry, key, out).resolve(shape.ref, path));
      // Status can't be emptied: `null` puts the row back on the property's default option.
      const fallback = shape.type === "status" ? defaultStatusOption(entry.config) : undefined;
      return fallback ? stored(fallback) : null;
    }
    case "multi_select": {
      const resolver = new OptionResolver(entry, key, out);
      const options = shape.refs.map((ref, i) => resolver.resolve(ref, `${path}[${i}]`));
      return options.filter((o, i) => options.findIndex((p) => p.id === o.id) === i).map(stored);
    }
    case "people":
      out.people.push(...shape.value.map((p) => String(p.id)));
      return shape.value;
    case "relation":
      out.relations.push({ propertyId: entry.id, pageIds: shape.ids });
      return shape.ids.map((id) => ({ id }));
    case "files":
      out.fileUploads.push(...shape.uploads);
      return shape.value;
    default:
      return shape.value;
  }
}

/**
 * `properties` of `POST /v1/pages` / `PATCH /v1/pages/{id}` for a row of a data source. Keys are names or
 * ids. Shapes are checked first, then every unknown key and type mismatch is reported together (Notion
 * joins them: "Value is expected to be rich_text. Link is expected to be files."), then options resolve.
 * When creating, status properties the request leaves out get their default option, as in Notion.
 */
export function parseRowValues(
  schema: PropertySchema[],
  input: unknown,
  path = "body.properties",
  options: { creating: boolean } = { creating: false },
): RowValues {
  const out: RowValues = {
    values: {},
    newOptions: [],
    touched: [],
    fileUploads: [],
    relations: [],
    people: [],
  };
  const properties: JsonObject = input === undefined ? {} : requireObject(input, path);
  const shapes = Object.entries(properties).map(([key, raw]) => ({
    key,
    shape: shapeOf(raw, `${path}.${key}`),
  }));
  const errors: string[] = [];
  const writes: Array<{ key: string; shape: Shape; entry: PropertySchema }> = [];
  for (const { key, shape } of shapes) {
    const entry = findProperty(schema, key);
    if (!entry) errors.push(notAProperty(key));
    else if (entry.type !== shape.type) errors.push(expectedType(key, entry.type));
    else writes.push({ key, shape, entry });
  }
  if (errors.length > 0) throw validationError(errors.join(" "));
  for (const { key, shape, entry } of writes) {
    out.values[entry.id] = storeValue(entry, key, shape, `${path}.${key}.${shape.type}`, out);
    if (!out.touched.includes(entry.id)) out.touched.push(entry.id);
  }
  if (options.creating) fillDefaults(schema, out.values);
  return out;
}

function fillDefaults(schema: PropertySchema[], values: StoredValues): void {
  for (const entry of schema) {
    if (entry.type !== "status" || values[entry.id] !== undefined) continue;
    const option = defaultStatusOption(entry.config);
    if (option) values[entry.id] = stored(option);
  }
}
