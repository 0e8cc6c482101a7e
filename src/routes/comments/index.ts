import type { FastifyInstance } from "fastify";
import { parseId } from "../../domain/ids.ts";
import { fail } from "../../domain/validation.ts";
import { apiRoute } from "../../http/api-route.ts";
import { type Query, pathId, queryPage } from "../../http/params.ts";
import { presentComment } from "../../presenters/present-comment.ts";
import { presentList } from "../../presenters/present-list.ts";
import {
  createComment,
  deleteComment,
  getComment,
  listComments,
  updateComment,
} from "../../services/comments/comment-service.ts";
import type { ServiceContext } from "../../services/context.ts";

/** `block_id` is required on `GET /v1/comments` (a page id or a block id). */
function blockIdOf(query: Query): string {
  const raw = Array.isArray(query.block_id) ? query.block_id[query.block_id.length - 1] : query.block_id;
  if (raw === undefined) fail("query.block_id", "defined", raw);
  const id = parseId(raw);
  if (!id) fail("query.block_id", "a valid uuid", raw);
  return id;
}

export function registerCommentRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/comments", async ({ viewer, body }) =>
    presentComment(await createComment(ctx, viewer, body)),
  );

  apiRoute(app, ctx, "GET", "/v1/comments", async ({ viewer, query }) => {
    const page = await listComments(ctx, viewer, blockIdOf(query), queryPage(query));
    return presentList("comment", page.results.map(presentComment), page.nextCursor);
  });

  apiRoute(app, ctx, "GET", "/v1/comments/:comment_id", async ({ viewer, params }) =>
    presentComment(await getComment(ctx, viewer, pathId(params, "comment_id"))),
  );

  apiRoute(app, ctx, "PATCH", "/v1/comments/:comment_id", async ({ viewer, params, body }) =>
    presentComment(await updateComment(ctx, viewer, pathId(params, "comment_id"), body)),
  );

  apiRoute(app, ctx, "DELETE", "/v1/comments/:comment_id", async ({ viewer, params }) =>
    presentComment(await deleteComment(ctx, viewer, pathId(params, "comment_id"))),
  );
}
