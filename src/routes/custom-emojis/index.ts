import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { presentCustomEmojiList } from "../../presenters/present-emoji.ts";
import type { ServiceContext } from "../../services/context.ts";
import { listWorkspaceEmojis } from "../../services/emojis/emoji-service.ts";
import { parseListCustomEmojis } from "./schema.ts";

/** `GET /v1/custom_emojis` (SDK 5.15 `customEmojis.list`): the workspace's custom emojis. */
export function registerCustomEmojiRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "GET", "/v1/custom_emojis", async ({ viewer, query }) => {
    const request = parseListCustomEmojis(query);
    const page = await listWorkspaceEmojis(ctx, viewer.workspaceId, request.page, request.name);
    return presentCustomEmojiList(page);
  });
}
