import type { JsonObject } from "../../domain/validation.ts";

/**
 * `quire.json`, written next to the Markdown and CSV files of a Quire export: what a Notion export
 * can't carry (ids, icons, covers, exact data source schemas, row order), so that a Quire import
 * restores property types exactly. Keys are 32-hex ids as they appear in the file names.
 */
export interface Manifest {
  format: "quire-export";
  version: 1;
  exportedAt: string;
  pages: Record<string, { path: string; icon: JsonObject | null; cover: JsonObject | null }>;
  databases: Record<string, ManifestDatabase>;
}

export interface ManifestDatabase {
  path: string;
  title: JsonObject[];
  description: JsonObject[];
  isInline: boolean;
  icon: JsonObject | null;
  cover: JsonObject | null;
  sources: ManifestSource[];
}

export interface ManifestSource {
  id: string;
  /** The CSV file (`Title <id>.csv`) relative to the export root. */
  csv: string;
  title: JsonObject[];
  /** The schema as `GET /v1/data_sources/{id}` serves `properties`. */
  properties: Record<string, JsonObject>;
  /** Row ids in CSV order. */
  rows: string[];
}

export const MANIFEST_FILE = "quire.json";
