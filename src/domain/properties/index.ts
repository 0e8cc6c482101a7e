/**
 * Property schemas and row values of data sources (and 2022-06-28 databases): parsing requests with
 * Notion's validation messages, applying schema updates, and building the wire shapes and query values.
 * Pure: resolving ids (relation targets, rollup targets, file uploads, users) is left to the services.
 */
export { PROPERTY_TYPES } from "./types.ts";
export type { PropertySchema, PropertyType, QueryValues, StoredValues } from "./types.ts";
export type {
  ApiVersion,
  NewOption,
  ParsedSchema,
  RelationRequest,
  RollupRequest,
  RowValues,
  SchemaChange,
  SchemaUpdate,
  SelectOption,
  StatusGroup,
  WritableType,
} from "./model.ts";
export { WRITABLE_TYPES, isWritable } from "./model.ts";
export {
  type RelationChange,
  TITLE_ID,
  newOptionId,
  newPropertyId,
  relationChanges,
  relationIds,
} from "./ids.ts";
export { findProperty, findPropertyIndex } from "./lookup.ts";
export { NUMBER_FORMATS, ROLLUP_FUNCTIONS } from "./schema-config.ts";
export { MISSING_TITLE, SECOND_TITLE, defaultSchema, parseSchema } from "./schema-parse.ts";
export { DELETE_TITLE, RETYPE_TITLE, applySchemaUpdate } from "./schema-update.ts";
export { presentSchema, presentSchemaEntry } from "./schema-present.ts";
export { addOptions } from "./schema-helpers.ts";
export {
  SELECT_COLORS,
  defaultStatusOption,
  readGroups,
  readOptions,
  validateOptionName,
} from "./select-options.ts";
export { parseRowValues } from "./value-parse.ts";
export { VALUE_LIMITS } from "./value-shapes.ts";
export {
  PAGE_RELATION_LIMIT,
  type PropertyItems,
  presentComputed,
  presentRowValue,
  presentValue,
  propertyItems,
} from "./value-present.ts";
export { dateQueryValues, queryValues } from "./query-values.ts";
export { dateToEpoch } from "./zoned-time.ts";
export { convertValue } from "./convert-value.ts";
