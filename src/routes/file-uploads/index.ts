import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { pathId } from "../../http/params.ts";
import { withStreamedBody } from "../../http/streamed-body.ts";
import { presentFileUpload } from "../../presenters/present-file-upload.ts";
import { presentList } from "../../presenters/present-list.ts";
import { requireCapability } from "../../services/access/viewer.ts";
import type { ServiceContext } from "../../services/context.ts";
import {
  completeUpload,
  createUpload,
  getUpload,
  listUploads,
  sendUpload,
} from "../../services/files/upload-service.ts";
import { registerFileRoute } from "./file-route.ts";
import { parseCreateUpload, parseListUploads } from "./schema.ts";

/** Uploading is inserting content (D:reference/capabilities); reading an upload is reading content. */
const WRITE = "insert";

export function registerFileUploadRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "POST", "/v1/file_uploads", async ({ viewer, version, body }) => {
    requireCapability(viewer, WRITE);
    return presentFileUpload(
      await createUpload(ctx, viewer, parseCreateUpload(body)),
      version,
      ctx.publicUrl,
    );
  });

  apiRoute(app, ctx, "GET", "/v1/file_uploads", async ({ viewer, version, query }) => {
    const page = await listUploads(ctx, viewer, parseListUploads(query));
    const results = page.results.map((v) => presentFileUpload(v, version, ctx.publicUrl));
    return presentList("file_upload", results, page.nextCursor);
  });

  apiRoute(app, ctx, "GET", "/v1/file_uploads/:file_upload_id", async ({ viewer, version, params }) =>
    presentFileUpload(await getUpload(ctx, viewer, pathId(params, "file_upload_id")), version, ctx.publicUrl),
  );

  apiRoute(
    app,
    ctx,
    "POST",
    "/v1/file_uploads/:file_upload_id/complete",
    async ({ viewer, version, params }) => {
      requireCapability(viewer, WRITE);
      const view = await completeUpload(ctx, viewer, pathId(params, "file_upload_id"));
      return presentFileUpload(view, version, ctx.publicUrl);
    },
  );

  // `send` streams its multipart/form-data body to storage, so its scope parses no body at all: the
  // JSON parser (and its 500 KB cap) stays with every other route.
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    apiRoute(scope, ctx, "POST", "/v1/file_uploads/:file_upload_id/send", async (request) => {
      const { viewer, version, params, headers, raw } = request;
      requireCapability(viewer, WRITE);
      const id = pathId(params, "file_upload_id");
      const view = await withStreamedBody(raw, (body) =>
        sendUpload(ctx, viewer, id, headers["content-type"], body),
      );
      return presentFileUpload(view, version, ctx.publicUrl);
    });
  });

  registerFileRoute(app, ctx);
}
