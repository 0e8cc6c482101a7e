import { ToolInputError } from "./tool-errors.ts";

/** Tool arguments as the client sent them; each reader names the field (its path, `field`) when it is wrong. */
export type Args = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  const text = JSON.stringify(value) ?? String(value);
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\``;
}

export function wrong(field: string, expected: string, value: unknown): never {
  throw new ToolInputError(`${field} should be ${expected}, instead was ${describe(value)}.`);
}

export function requiredString(args: Args, key: string, field = key): string {
  const value = args[key];
  if (typeof value !== "string" || value.trim() === "") wrong(field, "a non-empty string", value);
  return value;
}

export function optionalString(args: Args, key: string, field = key): string | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") wrong(field, "a string", value);
  return value;
}

export function optionalBoolean(args: Args, key: string, field = key): boolean | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") wrong(field, "true or false", value);
  return value;
}

export function optionalInteger(
  args: Args,
  key: string,
  min: number,
  max: number,
  field = key,
): number | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    wrong(field, `an integer from ${min} to ${max}`, value);
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function optionalObject(args: Args, key: string, field = key): Args | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) wrong(field, "an object", value);
  return value;
}

export function requiredArray(args: Args, key: string, max: number, field = key): unknown[] {
  const value = args[key];
  if (!Array.isArray(value) || value.length === 0) wrong(field, "a non-empty array", value);
  if (value.length > max) wrong(field, `an array of at most ${max} items`, `${value.length} items`);
  return value;
}
