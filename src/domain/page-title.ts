import type { JsonObject } from "./validation.ts";

/** Every page keeps its plain title in its `child_page` content, whatever its parent. */
export function pageTitle(page: { content: JsonObject }): string {
  return typeof page.content["title"] === "string" ? page.content["title"] : "";
}
