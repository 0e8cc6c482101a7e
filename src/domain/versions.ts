/** The wire shapes Quire serves; every accepted `Notion-Version` maps to one of them. */
export type ApiVersion = "2022-06-28" | "2025-09-03" | "2026-03-11";

/**
 * Dated versions Notion accepts (reference/changes-by-version). The ones before 2022-06-28 differ from
 * it in ways today's SDKs never see, so they get the 2022-06-28 shape.
 */
const ACCEPTED: Record<string, ApiVersion> = {
  "2021-05-11": "2022-06-28",
  "2021-05-13": "2022-06-28",
  "2021-08-16": "2022-06-28",
  "2022-02-22": "2022-06-28",
  "2022-06-28": "2022-06-28",
  "2025-09-03": "2025-09-03",
  "2026-03-11": "2026-03-11",
};

export const ACCEPTED_VERSIONS = Object.keys(ACCEPTED);

export function apiVersionFor(header: string): ApiVersion | undefined {
  return ACCEPTED[header];
}

/**
 * What each served version changes, declared once (reference/changes-by-version and the 2025-09-03
 * upgrade guide). Code asks for a trait, never compares version dates itself.
 */
export interface VersionTraits {
  /**
   * Databases hold data sources (2025-09-03): a database lists its sources, a row's parent names its
   * source, search filters and result lists say `data_source`. Before, a database is its one table.
   */
  readonly dataSources: boolean;
  /** `archived` travels beside `in_trash`; it was replaced by `in_trash` and is gone from 2026-03-11. */
  readonly archived: boolean;
  /** Page objects carry `is_archived` and `is_locked` (absent from the 2022-06-28 page object). */
  readonly pageFlags: boolean;
}

const TRAITS: Record<ApiVersion, VersionTraits> = {
  "2022-06-28": { dataSources: false, archived: true, pageFlags: false },
  "2025-09-03": { dataSources: true, archived: true, pageFlags: true },
  "2026-03-11": { dataSources: true, archived: false, pageFlags: true },
};

export function traitsOf(version: ApiVersion): VersionTraits {
  return TRAITS[version];
}

/** The shape Quire's own tools (seeds, import/export, the web UI) read and write values in. */
export const TOOLS_VERSION: ApiVersion = "2025-09-03";

export function servesArchived(version: ApiVersion): boolean {
  return TRAITS[version].archived;
}

/** Whether the version knows data sources (see `VersionTraits.dataSources`). */
export function hasDataSources(version: ApiVersion): boolean {
  return TRAITS[version].dataSources;
}

/** The `type` of a list of query or search results. */
export function pageListType(version: ApiVersion): "page_or_database" | "page_or_data_source" {
  return hasDataSources(version) ? "page_or_data_source" : "page_or_database";
}
