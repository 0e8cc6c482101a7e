import type { FastifyInstance } from "fastify";
import { type ApiRequest, WithStatus, apiRoute } from "../../http/api-route.ts";
import { pathId, queryList } from "../../http/params.ts";
import { type JsonObject, optionalBoolean } from "../../domain/validation.ts";
import { presentAsyncTask } from "../../presenters/present-async-task.ts";
import { presentPageMarkdown } from "../../presenters/present-markdown.ts";
import { presentPage } from "../../presenters/present-page.ts";
import { requireCapability, type Viewer } from "../../services/access/viewer.ts";
import { defineTaskHandler, enqueueTask } from "../../services/async-tasks/async-tasks.ts";
import type { ServiceContext } from "../../services/context.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import {
  type CreateMarkdownPageRequest,
  checkMarkdownPage,
  createMarkdownPage,
} from "../../services/markdown/markdown-pages.ts";
import {
  getPageMarkdown,
  prepareMarkdownEdit,
  updatePageMarkdown,
} from "../../services/markdown/markdown-service.ts";
import { parseGetPageMarkdown, parseUpdatePageMarkdown, splitMarkdownBody } from "./markdown-schema.ts";
import { parseCreatePage } from "./schema.ts";

const CREATE = "POST /v1/pages";
const UPDATE = "PATCH /v1/pages/:page_id/markdown";

/**
 * reference/retrieve-async-task: "allow_async changes response behavior only; it does not change
 * validation, permissions, or the operation being performed" — so a request is checked, then accepted
 * with 202 and an `async_task`, and the same operation runs after the response.
 */
async function accept(ctx: ServiceContext, operation: string, request: ApiRequest) {
  const task = await enqueueTask(ctx, request.viewer, operation, {
    version: request.version,
    params: request.params,
    body: request.body,
  });
  return new WithStatus(202, presentAsyncTask(task, ctx.publicUrl));
}

/** The markdown is checked before the capability, and the rest of the body after it. */
function markdownPageRequest(viewer: Viewer, body: JsonObject): CreateMarkdownPageRequest {
  const { rest, nodes } = splitMarkdownBody(body);
  requireCapability(viewer, "insert");
  return { page: parseCreatePage(rest), nodes };
}

/** `POST /v1/pages` with `markdown`; the pages route hands such bodies here. */
export async function createPageWithMarkdown(ctx: ServiceContext, request: ApiRequest): Promise<object> {
  const { viewer, body } = request;
  if (optionalBoolean(body.allow_async, "body.allow_async") === true) {
    requireCapability(viewer, "insert");
    await checkMarkdownPage(ctx, viewer, splitMarkdownBody(body).parent);
    return accept(ctx, CREATE, request);
  }
  return presentPage(
    await createMarkdownPage(ctx, viewer, markdownPageRequest(viewer, body)),
    request.version,
    ctx.publicUrl,
    await fileLinks(ctx),
    queryList(request.query, "filter_properties"),
  );
}

export function registerPageMarkdownRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  defineTaskHandler(CREATE, async (c, viewer, request) =>
    presentPage(
      await createMarkdownPage(c, viewer, markdownPageRequest(viewer, request.body)),
      request.version,
      c.publicUrl,
      await fileLinks(c),
    ),
  );
  defineTaskHandler(UPDATE, async (c, viewer, request) => {
    const id = pathId(request.params, "page_id");
    requireCapability(viewer, "update");
    return presentPageMarkdown(
      await updatePageMarkdown(c, viewer, id, parseUpdatePageMarkdown(request.body)),
    );
  });

  apiRoute(app, ctx, "GET", "/v1/pages/:page_id/markdown", async ({ viewer, params, query }) => {
    // Meeting-note transcripts are not stored by this server, so the flag changes nothing yet.
    parseGetPageMarkdown(query);
    return presentPageMarkdown(await getPageMarkdown(ctx, viewer, pathId(params, "page_id")));
  });

  apiRoute(app, ctx, "PATCH", "/v1/pages/:page_id/markdown", async (request) => {
    const { viewer, body } = request;
    const id = pathId(request.params, "page_id");
    if (optionalBoolean(body.allow_async, "body.allow_async") === true) {
      requireCapability(viewer, "update");
      parseUpdatePageMarkdown(body);
      await prepareMarkdownEdit(ctx, viewer, id);
      return accept(ctx, UPDATE, request);
    }
    requireCapability(viewer, "update");
    return presentPageMarkdown(await updatePageMarkdown(ctx, viewer, id, parseUpdatePageMarkdown(body)));
  });
}
