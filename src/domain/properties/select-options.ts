import { validationError } from "../../errors.ts";
import { TEXT_COLORS } from "../colors.ts";
import {
  type JsonObject,
  excerpt,
  fail,
  isObject,
  optionalEnum,
  optionalString,
  requireArray,
  requireObject,
  requireString,
} from "../validation.ts";
import { newOptionId } from "./ids.ts";
import type { SelectOption, StatusGroup } from "./model.ts";

/** `SelectColor` (S5 common.d.ts): the ten text colors, no backgrounds. */
export const SELECT_COLORS = TEXT_COLORS;

/** Option names longer than this are refused (3P: notero PR, matching Notion's UI limit). */
export const OPTION_NAME_MAX = 100;

/**
 * Notion stores multi-select values comma-separated internally, so it refuses commas in option names
 * with this message (quoted from live API errors in egordm/notionsci#13).
 */
export function validateOptionName(value: unknown, path: string): string {
  const name = requireString(value, path, OPTION_NAME_MAX);
  if (name.length === 0) fail(`${path}.length`, "≥ `1`", 0);
  if (name.includes(",")) throw validationError(`Invalid select option, commas not allowed: ${name}`);
  return name;
}

/**
 * Colour for an option a page write creates without naming one. Notion picks at random; Quire cycles
 * through the palette by option count so tests can predict it.
 */
export function autoColor(existingCount: number): string {
  return SELECT_COLORS[existingCount % SELECT_COLORS.length] ?? "default";
}

function readString(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

export function readOptions(config: JsonObject): SelectOption[] {
  const options = Array.isArray(config.options) ? config.options : [];
  return options.filter(isObject).map((o) => ({
    id: readString(o.id, ""),
    name: readString(o.name, ""),
    color: readString(o.color, "default"),
    description: typeof o.description === "string" ? o.description : null,
  }));
}

export function readGroups(config: JsonObject): StatusGroup[] {
  const groups = Array.isArray(config.groups) ? config.groups : [];
  return groups.filter(isObject).map((g) => ({
    id: readString(g.id, ""),
    name: readString(g.name, ""),
    color: readString(g.color, "default"),
    option_ids: Array.isArray(g.option_ids) ? g.option_ids.filter((i) => typeof i === "string") : [],
  }));
}

function optionalDescription(value: unknown, path: string): string | null | undefined {
  return value === null ? null : optionalString(value, path);
}

function assertUnique(options: SelectOption[]): void {
  const seen = new Set<string>();
  for (const option of options) {
    if (seen.has(option.name)) throw validationError(`Option names must be unique: ${option.name}`);
    seen.add(option.name);
  }
}

/** `{options?: [{name, color?, description?}]}` of a property being created. */
export function parseNewOptions(value: unknown, path: string): SelectOption[] {
  if (value === undefined) return [];
  const options = requireArray(value, path).map((item, i) => {
    const ipath = `${path}[${i}]`;
    const input = requireObject(item, ipath);
    return {
      id: newOptionId(),
      name: validateOptionName(input.name, `${ipath}.name`),
      color: optionalEnum(input.color, `${ipath}.color`, SELECT_COLORS) ?? "default",
      description: optionalDescription(input.description, `${ipath}.description`) ?? null,
    };
  });
  assertUnique(options);
  return options;
}

/**
 * `{options: [...]}` of a property being updated: each entry names an existing option by `id` or `name`
 * (keeping its id; a given `name` with an `id` renames it) or is new. The list replaces the old one,
 * so options left out are removed.
 */
export function mergeOptions(current: SelectOption[], value: unknown, path: string): SelectOption[] {
  const options = requireArray(value, path).map((item, i) => {
    const ipath = `${path}[${i}]`;
    const input = requireObject(item, ipath);
    if (input.id === undefined && input.name === undefined) fail(`${ipath}.name`, "defined", undefined);
    const color = optionalEnum(input.color, `${ipath}.color`, SELECT_COLORS);
    const description = optionalDescription(input.description, `${ipath}.description`);
    let existing: SelectOption | undefined;
    if (input.id !== undefined) {
      const id = requireString(input.id, `${ipath}.id`);
      existing = current.find((o) => o.id === id);
      if (!existing) throw validationError(`Option with id ${excerpt(id)} does not exist on this property.`);
    } else {
      existing = current.find((o) => o.name === input.name);
    }
    const name =
      input.name === undefined
        ? (existing?.name ?? "")
        : existing?.name === input.name
          ? existing.name
          : validateOptionName(input.name, `${ipath}.name`);
    return {
      id: existing?.id ?? newOptionId(),
      name,
      color: color ?? existing?.color ?? "default",
      description: description === undefined ? (existing?.description ?? null) : description,
    };
  });
  assertUnique(options);
  return options;
}

/** Notion's defaults for a new status property (what the UI and API create). */
export function defaultStatusConfig(): { options: SelectOption[]; groups: StatusGroup[] } {
  const notStarted = { id: newOptionId(), name: "Not started", color: "default", description: null };
  const inProgress = { id: newOptionId(), name: "In progress", color: "blue", description: null };
  const done = { id: newOptionId(), name: "Done", color: "green", description: null };
  return {
    options: [notStarted, inProgress, done],
    groups: [
      { id: newOptionId(), name: "To-do", color: "gray", option_ids: [notStarted.id] },
      { id: newOptionId(), name: "In progress", color: "blue", option_ids: [inProgress.id] },
      { id: newOptionId(), name: "Complete", color: "green", option_ids: [done.id] },
    ],
  };
}

/** Given options go to the To-do group; the three groups always exist. */
export function statusConfigFor(options: SelectOption[]): { options: SelectOption[]; groups: StatusGroup[] } {
  const groups = defaultStatusConfig().groups.map((g) => ({ ...g, option_ids: [] as string[] }));
  const todo = groups[0];
  if (todo) todo.option_ids = options.map((o) => o.id);
  return { options, groups };
}

/**
 * Keeps the groups (the API cannot add or remove them), drops removed options from them and files new
 * options under To-do, as Notion does for options added through the API.
 */
export function regroup(groups: StatusGroup[], options: SelectOption[]): StatusGroup[] {
  const ids = new Set(options.map((o) => o.id));
  const next = groups.map((g) => ({ ...g, option_ids: g.option_ids.filter((id) => ids.has(id)) }));
  const grouped = new Set(next.flatMap((g) => g.option_ids));
  const todo = next[0];
  if (todo) todo.option_ids.push(...options.filter((o) => !grouped.has(o.id)).map((o) => o.id));
  return next;
}

/** A row's status when none is given or it is reset with `null`: the first option of the To-do group. */
export function defaultStatusOption(config: JsonObject): SelectOption | undefined {
  const options = readOptions(config);
  const first = readGroups(config)[0]?.option_ids[0];
  return options.find((o) => o.id === first) ?? options[0];
}
