import { ToolInputError } from "./tool-errors.ts";

/** Tool arguments as the client sent them; each reader names the field when it is wrong. */
export type Args = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  const text = JSON.stringify(value) ?? String(value);
  return `\`${text.length > 80 ? `${text.slice(0, 77)}...` : text}\``;
}

export function wrong(field: string, expected: string, value: unknown): never {
  throw new ToolInputError(`${field} should be ${expected}, instead was ${describe(value)}.`);
}

export function requiredString(args: Args, field: string): string {
  const value = args[field];
  if (typeof value !== "string" || value.trim() === "") wrong(field, "a non-empty string", value);
  return value;
}

export function optionalString(args: Args, field: string): string | undefined {
  const value = args[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") wrong(field, "a string", value);
  return value;
}

export function optionalBoolean(args: Args, field: string): boolean | undefined {
  const value = args[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") wrong(field, "true or false", value);
  return value;
}

export function optionalInteger(args: Args, field: string, min: number, max: number): number | undefined {
  const value = args[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    wrong(field, `an integer from ${min} to ${max}`, value);
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function optionalObject(args: Args, field: string): Args | undefined {
  const value = args[field];
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) wrong(field, "an object", value);
  return value;
}

export function requiredArray(args: Args, field: string, max: number): unknown[] {
  const value = args[field];
  if (!Array.isArray(value) || value.length === 0) wrong(field, "a non-empty array", value);
  if (value.length > max) wrong(field, `an array of at most ${max} items`, `${value.length} items`);
  return value;
}
