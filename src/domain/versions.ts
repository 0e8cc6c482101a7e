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

/** `archived` was replaced by `in_trash` and is gone from 2026-03-11 responses. */
export function servesArchived(version: ApiVersion): boolean {
  return version !== "2026-03-11";
}
