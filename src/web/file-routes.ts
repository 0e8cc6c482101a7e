import type { FastifyInstance } from "fastify";
import { parseId } from "../domain/ids.ts";
import { ApiError } from "../errors.ts";
import { StreamedBody } from "../http/streamed-body.ts";
import { TOOLS_VERSION } from "../domain/versions.ts";
import { parseUpdatePage } from "../routes/pages/schema.ts";
import { appendBlockChildren } from "../services/blocks/block-service.ts";
import { updatePage } from "../services/pages/page-service.ts";
import type { ServiceContext } from "../services/context.ts";
import { uploadFromBytes } from "../services/files/file-copies.ts";
import { formBoundary, formFields, readTextField } from "../services/files/form-data-stream.ts";
import { SINGLE_PART_MAX_BYTES } from "../services/files/limits.ts";
import { member, messagePage } from "./guard.ts";
import { type Html, html } from "./html.ts";
import { csrfField } from "./layout.ts";
import { viewerOf } from "./page-routes.ts";
import { csrfOk, type WebSession } from "./session.ts";

const BLOCK_KINDS = new Set(["image", "file"]);
/** Page fields a browser upload may set; Notion shows an uploaded icon or cover as an image. */
const PAGE_FIELDS = new Set(["icon", "cover"]);

/** The "Add a file" card of a page: a browser upload, appended as an image or a file block. */
export function fileUploadCard(session: WebSession, pageId: string): Html {
  return html`<section class="card" aria-labelledby="add-file">
    <h2 id="add-file">Add a file</h2>
    <form method="post" action="/pages/${pageId}/files" enctype="multipart/form-data">
      ${csrfField(session)}<label for="as">Add as</label
      ><select id="as" name="as">
        <option value="image">Image</option>
        <option value="file">File</option></select
      ><label for="file">File (at most 20 MB)</label><input id="file" name="file" type="file" required />
      <button type="submit">Upload</button>
    </form>
  </section>`;
}

/** The page header's form: an image becomes the page's icon or cover (same route, same upload service). */
export function pageImageForm(session: WebSession, pageId: string): Html {
  return html`<form
    class="page-image-form"
    method="post"
    action="/pages/${pageId}/files"
    enctype="multipart/form-data"
  >
    ${csrfField(session)}<label for="page-image-as">Set</label
    ><select id="page-image-as" name="as">
      <option value="cover">Cover</option>
      <option value="icon">Icon</option></select
    ><label for="page-image">Image</label
    ><input id="page-image" name="file" type="file" accept="image/*" required />
    <button type="submit">Set image</button>
  </form>`;
}

/**
 * `POST /pages/{id}/files` (multipart/form-data, from `fileUploadCard`): streams the file into a new
 * upload and appends it to the page, or (from `pageImageForm`) makes it the page's icon or cover. The
 * form's `_csrf` and `as` fields come before the file in the form: the token is checked before any
 * byte of the file is stored.
 */
export function registerFileRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  void scope.register(async (files) => {
    files.removeAllContentTypeParsers();
    files.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    files.post("/pages/:id/files", async (request, reply) => {
      const session = await member(ctx, request, reply, false);
      if (!session) return reply;
      const pageId = parseId((request.params as { id: string }).id) ?? "";
      const boundary = formBoundary(request.headers["content-type"]);
      const refuse = (status: number, title: string, message: string) =>
        messagePage(reply, session, status, title, message);
      if (!boundary) return refuse(400, "Bad request", "Send the form with a file.");
      const form: Record<string, string> = {};
      let uploadId: string | undefined;
      let filename = "file";
      const body = new StreamedBody(request.raw);
      try {
        for await (const field of formFields(body, boundary)) {
          if (field.name !== "file") {
            form[field.name] = await readTextField(field);
            continue;
          }
          if (!csrfOk(session, form)) {
            return refuse(
              403,
              "Forbidden",
              "The form expired or came from another site. Reload the page and try again.",
            );
          }
          const as = form["as"] ?? "";
          if (PAGE_FIELDS.has(as) && !field.contentType?.startsWith("image/")) {
            return refuse(400, "Could not set the image", `A page ${as} must be an image.`);
          }
          filename = field.filename || "file";
          uploadId = await uploadFromBytes(ctx, viewerOf(session), filename, field.body, {
            contentType: field.contentType,
            maxBytes: SINGLE_PART_MAX_BYTES,
          });
        }
        const kind = form["as"] ?? "file";
        const known = BLOCK_KINDS.has(kind) || PAGE_FIELDS.has(kind);
        if (!uploadId || !known) return refuse(400, "Bad request", "Choose a file to upload.");
        const source = { type: "file_upload", file_upload: { id: uploadId } };
        if (PAGE_FIELDS.has(kind)) {
          await updatePage(
            ctx,
            viewerOf(session),
            pageId,
            parseUpdatePage({ [kind]: source }, TOOLS_VERSION),
          );
          return await reply.redirect(`/pages/${pageId}`, 303);
        }
        await appendBlockChildren(ctx, viewerOf(session), pageId, {
          children: [{ [kind]: kind === "file" ? { ...source, name: filename } : source }],
          afterId: null,
          position: "end",
        });
        return await reply.redirect(`/pages/${pageId}`, 303);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return refuse(error.status, "Could not add the file", error.message);
      } finally {
        body.discardRest();
      }
    });
  });
}
