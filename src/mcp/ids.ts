import { parseId } from "../domain/ids.ts";
import { ToolInputError } from "./tool-errors.ts";

/**
 * The ids the hosted tools accept (reference mcp-and-workers A2 "Conventions"): a UUID with or without
 * dashes, a page URL (`…/Title-<32 hex>`, with `?v=`/`#` tails), or one of the `collection://`,
 * `view://`, `user://` schemes. Returns the dashed id and which scheme named it.
 */
export type IdScheme = "plain" | "collection" | "view" | "user";

export function readId(raw: string, field: string): { id: string; scheme: IdScheme } {
  const text = raw.trim();
  const scheme = /^(collection|view|user):\/\//.exec(text);
  const rest = scheme ? text.slice(scheme[0].length) : text;
  const direct = parseId(rest);
  if (direct) return { id: direct, scheme: (scheme?.[1] as IdScheme | undefined) ?? "plain" };
  // A URL: the id is the last 32-hex run of the path (Notion's `Title-<id>` slugs).
  const path = rest.split(/[?#]/)[0] ?? "";
  const runs = path.match(/[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi);
  const last = runs?.at(-1);
  const id = last ? parseId(last) : null;
  if (!id)
    throw new ToolInputError(
      `${field} must be a Notion URL, a UUID, or a collection://<data source id> URL; "${text.slice(0, 100)}" is none of these.`,
    );
  return { id, scheme: (scheme?.[1] as IdScheme | undefined) ?? "plain" };
}

export function collectionUrl(id: string): string {
  return `collection://${id}`;
}

export function userUrl(id: string): string {
  return `user://${id}`;
}
