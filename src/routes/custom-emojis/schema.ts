import { type Query, queryList, queryPage } from "../../http/params.ts";
import type { PageRequest } from "../../services/pagination.ts";

/** `GET /v1/custom_emojis` (SDK 5.15 `ListCustomEmojisParameters`): a page of emojis, by name if given. */
export interface ListCustomEmojisRequest {
  page: PageRequest;
  name: string | undefined;
}

export function parseListCustomEmojis(query: Query): ListCustomEmojisRequest {
  const name = queryList(query, "name")?.at(-1);
  return { page: queryPage(query), name };
}
