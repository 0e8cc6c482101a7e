import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { queryList, queryPage } from "../../http/params.ts";
import { presentCustomEmojiList } from "../../presenters/present-emoji.ts";
import type { ServiceContext } from "../../services/context.ts";
import { listWorkspaceEmojis } from "../../services/emojis/emoji-service.ts";

/** `GET /v1/custom_emojis` (SDK 5.15 `customEmojis.list`): the workspace's custom emojis. */
export function registerCustomEmojiRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "GET", "/v1/custom_emojis", async ({ viewer, query }) => {
    const name = queryList(query, "name")?.at(-1);
    const page = await listWorkspaceEmojis(ctx, viewer.workspaceId, queryPage(query), name);
    return presentCustomEmojiList(page);
  });
}
