import type { NewBlock } from "../../domain/blocks/types.ts";
import type { PropertySchema } from "../../domain/properties/types.ts";
import type { RichTextItem } from "../../domain/rich-text.ts";
import type { TemplateRequest } from "../../domain/templates.ts";
import type { JsonObject } from "../../domain/validation.ts";
import type { BlockRecord } from "../../storage/block-repo.ts";
import type { TemplateGiven, UpdateTemplate } from "../templates/template-service.ts";

/**
 * What the page services take and return. The requests are built from the wire body by
 * routes/pages/schema.ts, which holds every check and message; the services never read the body.
 */

/** A page and, for rows of a data source, the schema its properties follow. */
export interface PageView {
  page: BlockRecord;
  schema: PropertySchema[] | null;
}

/** Where `pages.create` puts a page; `database` means the database's only data source. */
export type PageParent =
  | { kind: "workspace" }
  | { kind: "page"; id: string }
  | { kind: "data_source"; id: string }
  | { kind: "database"; id: string };

export type PagePosition = { type: "page_start" | "page_end" } | { type: "after_block"; id: string };

/** `POST /v1/pages` (S5 `CreatePageBodyParameters`). */
export interface CreatePageRequest {
  parent: PageParent;
  /** The title of a page outside a data source (empty for a row, whose title is a property). */
  title: RichTextItem[];
  /**
   * A row's `properties` as sent: they can only be read against the data source's schema, so the
   * row service parses them (domain/properties) once the source is loaded.
   */
  properties: unknown;
  icon: JsonObject | null;
  cover: JsonObject | null;
  template: TemplateRequest;
  children: NewBlock[];
  position: PagePosition;
  /** What the request set itself, which a template then leaves alone. */
  given: TemplateGiven;
}

/** `PATCH /v1/pages/{id}` (S5 `UpdatePageBodyParameters`); `undefined` leaves a field as it is. */
export interface UpdatePageRequest {
  icon: JsonObject | null | undefined;
  cover: JsonObject | null | undefined;
  isLocked: boolean | undefined;
  isArchived: boolean | undefined;
  inTrash: boolean | undefined;
  template: UpdateTemplate;
  /** `properties` as sent: a row's are parsed against its data source's schema by the row service. */
  properties: unknown;
  /**
   * The title of a page outside a data source. Read only once the page is known to be one (a row's
   * `properties` mean something else), so its errors come after a missing page's 404.
   */
  readTitle: () => RichTextItem[] | undefined;
  given: TemplateGiven;
}

/** `POST /v1/pages/{id}/move`: under a page or into a data source. */
export interface MovePageRequest {
  target: { kind: "page" | "data_source"; id: string };
}
