import { ApiError } from "../../errors.ts";
import { parseSchema } from "./schema-parse.ts";
import type { PropertySchema } from "./types.ts";

/** The ApiError a call throws (fails the test when it throws nothing or something else). */
export function errorOf(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

export function messageOf(run: () => unknown): string {
  return errorOf(run).message;
}

export const PAGE_A = "11111111-1111-4111-8111-111111111111";
export const PAGE_B = "22222222-2222-4222-8222-222222222222";
export const USER_A = "33333333-3333-4333-8333-333333333333";
export const SOURCE = "44444444-4444-4444-8444-444444444444";
export const UPLOAD = "55555555-5555-4555-8555-555555555555";

/** A schema with one property of every writable type plus a few computed ones. */
export function sampleSchema(): PropertySchema[] {
  return parseSchema(
    {
      Name: { title: {} },
      Notes: { rich_text: {} },
      Price: { number: { format: "dollar" } },
      Kind: { select: { options: [{ name: "Fruit", color: "red" }, { name: "Veg" }] } },
      Tags: { multi_select: { options: [{ name: "a" }, { name: "b", color: "blue" }] } },
      Stage: { status: {} },
      Due: { date: {} },
      Owners: { people: {} },
      Attachments: { files: {} },
      Done: { checkbox: {} },
      Link: { url: {} },
      Mail: { email: {} },
      Phone: { phone_number: {} },
      Related: { relation: { data_source_id: SOURCE, single_property: {} } },
      Checked: { verification: {} },
      Where: { place: {} },
      Calc: { formula: { expression: "1 + 1" } },
      Created: { created_time: {} },
      Code: { unique_id: { prefix: "TK" } },
      Press: { button: {} },
    },
    "body.properties",
    "2025-09-03",
  ).schema;
}

export function byName(schema: PropertySchema[], name: string): PropertySchema {
  const entry = schema.find((p) => p.name === name);
  if (!entry) throw new Error(`no property ${name}`);
  return entry;
}
