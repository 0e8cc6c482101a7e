import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { pathId } from "../../http/params.ts";
import { presentComment } from "../../presenters/present-comment.ts";
import { presentList } from "../../presenters/present-list.ts";
import {
  createComment,
  deleteComment,
  getComment,
  listComments,
  updateComment,
} from "../../services/comments/comment-service.ts";
import { requireCapability } from "../../services/access/viewer.ts";
import type { ServiceContext } from "../../services/context.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import { parseCreateComment, parseListComments, parseUpdateComment } from "./schema.ts";

/** The capability comment-service asks for writes, checked here before the body is read. */
const WRITE = "insert_comments";

export function registerCommentRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/comments", async ({ viewer, body }) => {
    requireCapability(viewer, WRITE);
    return presentComment(await createComment(ctx, viewer, parseCreateComment(body)), await fileLinks(ctx));
  });

  apiRoute(app, ctx, "GET", "/v1/comments", async ({ viewer, query }) => {
    const page = await listComments(ctx, viewer, parseListComments(query));
    const files = await fileLinks(ctx);
    const results = page.results.map((c) => presentComment(c, files));
    return presentList("comment", results, page.nextCursor);
  });

  apiRoute(app, ctx, "GET", "/v1/comments/:comment_id", async ({ viewer, params }) =>
    presentComment(await getComment(ctx, viewer, pathId(params, "comment_id")), await fileLinks(ctx)),
  );

  apiRoute(app, ctx, "PATCH", "/v1/comments/:comment_id", async ({ viewer, params, body }) => {
    const id = pathId(params, "comment_id");
    requireCapability(viewer, WRITE);
    return presentComment(
      await updateComment(ctx, viewer, id, parseUpdateComment(body)),
      await fileLinks(ctx),
    );
  });

  apiRoute(app, ctx, "DELETE", "/v1/comments/:comment_id", async ({ viewer, params }) =>
    presentComment(await deleteComment(ctx, viewer, pathId(params, "comment_id")), await fileLinks(ctx)),
  );
}
