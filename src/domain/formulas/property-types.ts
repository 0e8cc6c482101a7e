import { listOf, type FormulaType } from "./types.ts";

/**
 * The formula type of each Notion property type, from the table on Notion's "Formula syntax &
 * functions" page: select and status read as text, multi-select as a list of text, people and
 * relations as lists of people and pages. Use it to build `CompileOptions.properties`; pass the
 * formula's own result type for formula properties. Rollups depend on their configuration, hence "any".
 */
const PROPERTY_TYPES: Readonly<Record<string, FormulaType>> = {
  title: "text",
  rich_text: "text",
  select: "text",
  status: "text",
  url: "text",
  email: "text",
  phone_number: "text",
  unique_id: "text",
  multi_select: listOf("text"),
  checkbox: "boolean",
  number: "number",
  date: "date",
  created_time: "date",
  last_edited_time: "date",
  created_by: "person",
  last_edited_by: "person",
  people: listOf("person"),
  relation: listOf("page"),
  files: listOf("text"),
};

export function propertyFormulaType(propertyType: string): FormulaType {
  return Object.hasOwn(PROPERTY_TYPES, propertyType) ? (PROPERTY_TYPES[propertyType] ?? "any") : "any";
}
