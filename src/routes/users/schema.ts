import { type Query, pathId, queryPage } from "../../http/params.ts";
import type { PageRequest } from "../../services/pagination.ts";

/** Request schemas of `/v1/users` (reference/get-users, get-user): only the path and the page. */

/** `GET /v1/users/{user_id}`: the id arrives with or without dashes. */
export function parseGetUser(params: Record<string, string>): { userId: string } {
  return { userId: pathId(params, "user_id") };
}

/** `GET /v1/users`: `start_cursor` and `page_size`. */
export function parseListUsers(query: Query): PageRequest {
  return queryPage(query);
}
