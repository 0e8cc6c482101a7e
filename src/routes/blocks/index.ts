import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { pathId, queryPage } from "../../http/params.ts";
import { presentBlock } from "../../presenters/present-block.ts";
import { presentList } from "../../presenters/present-list.ts";
import {
  appendBlockChildren,
  getBlock,
  listBlockChildren,
  trashBlock,
  updateBlockContent,
} from "../../services/blocks/block-service.ts";
import { requireCapability } from "../../services/access/viewer.ts";
import type { ServiceContext } from "../../services/context.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import { parseAppendBlockChildren, parseUpdateBlock } from "./schema.ts";

export function registerBlockRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "GET", "/v1/blocks/:block_id", async ({ viewer, version, params }) =>
    presentBlock(await getBlock(ctx, viewer, pathId(params, "block_id")), version, await fileLinks(ctx)),
  );

  apiRoute(app, ctx, "PATCH", "/v1/blocks/:block_id", async ({ viewer, version, params, body }) => {
    const id = pathId(params, "block_id");
    requireCapability(viewer, "update");
    const block = await updateBlockContent(ctx, viewer, id, parseUpdateBlock(body, version));
    return presentBlock(block, version, await fileLinks(ctx));
  });

  apiRoute(app, ctx, "DELETE", "/v1/blocks/:block_id", async ({ viewer, version, params }) =>
    presentBlock(await trashBlock(ctx, viewer, pathId(params, "block_id")), version, await fileLinks(ctx)),
  );

  apiRoute(app, ctx, "GET", "/v1/blocks/:block_id/children", async ({ viewer, version, params, query }) => {
    const page = await listBlockChildren(ctx, viewer, pathId(params, "block_id"), queryPage(query));
    const files = await fileLinks(ctx);
    return presentList(
      "block",
      page.results.map((b) => presentBlock(b, version, files)),
      page.nextCursor,
    );
  });

  apiRoute(app, ctx, "PATCH", "/v1/blocks/:block_id/children", async ({ viewer, version, params, body }) => {
    const id = pathId(params, "block_id");
    const created = await appendBlockChildren(ctx, viewer, id, parseAppendBlockChildren(body, version));
    const files = await fileLinks(ctx);
    return presentList(
      "block",
      created.map((b) => presentBlock(b, version, files)),
      null,
    );
  });
}
