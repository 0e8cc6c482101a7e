export * from "./ast.ts";
export { parseQuery, type ParseQueryOptions } from "./parse-query.ts";
export { findProperty, FILTER_KEYS, type FilterKey } from "./parse-filter.ts";
export { sortValueOf } from "./parse-sorts.ts";
export { compareRange, periodRange, type Bound, type DateContext, type DateRange } from "./relative-dates.ts";
export { isTimeZone } from "../time-zones.ts";
