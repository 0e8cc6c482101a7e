import type { FastifyInstance } from "fastify";
import { type ApiRequest, WithStatus, apiRoute } from "../../http/api-route.ts";
import { pathId, queryList } from "../../http/params.ts";
import { fail, optionalBoolean } from "../../domain/validation.ts";
import { presentAsyncTask } from "../../presenters/present-async-task.ts";
import { presentPageMarkdown } from "../../presenters/present-markdown.ts";
import { presentPage } from "../../presenters/present-page.ts";
import { defineTaskHandler, enqueueTask } from "../../services/async-tasks/async-tasks.ts";
import type { ServiceContext } from "../../services/context.ts";
import { checkMarkdownPage, createMarkdownPage } from "../../services/markdown/markdown-pages.ts";
import {
  getPageMarkdown,
  prepareMarkdownEdit,
  updatePageMarkdown,
} from "../../services/markdown/markdown-service.ts";

const CREATE = "POST /v1/pages";
const UPDATE = "PATCH /v1/pages/:page_id/markdown";

function booleanQuery(value: unknown, path: string): boolean {
  const raw = Array.isArray(value) ? value.at(-1) : value;
  if (raw === undefined) return false;
  if (raw === "true" || raw === "false") return raw === "true";
  fail(path, "a boolean", raw);
}

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

/** `POST /v1/pages` with `markdown`; the pages route hands such bodies here. */
export async function createPageWithMarkdown(ctx: ServiceContext, request: ApiRequest): Promise<object> {
  if (optionalBoolean(request.body.allow_async, "body.allow_async") === true) {
    await checkMarkdownPage(ctx, request.viewer, request.body);
    return accept(ctx, CREATE, request);
  }
  return presentPage(
    await createMarkdownPage(ctx, request.viewer, request.body),
    request.version,
    ctx.publicUrl,
    queryList(request.query, "filter_properties"),
  );
}

export function registerPageMarkdownRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  defineTaskHandler(CREATE, async (c, viewer, request) =>
    presentPage(await createMarkdownPage(c, viewer, request.body), request.version, c.publicUrl),
  );
  defineTaskHandler(UPDATE, async (c, viewer, request) =>
    presentPageMarkdown(await updatePageMarkdown(c, viewer, pathId(request.params, "page_id"), request.body)),
  );

  apiRoute(app, ctx, "GET", "/v1/pages/:page_id/markdown", async ({ viewer, params, query }) => {
    // Meeting-note transcripts are not stored by this server, so the flag changes nothing yet.
    booleanQuery(query.include_transcript, "query.include_transcript");
    return presentPageMarkdown(await getPageMarkdown(ctx, viewer, pathId(params, "page_id")));
  });

  apiRoute(app, ctx, "PATCH", "/v1/pages/:page_id/markdown", async (request) => {
    const id = pathId(request.params, "page_id");
    if (optionalBoolean(request.body.allow_async, "body.allow_async") === true) {
      await prepareMarkdownEdit(ctx, request.viewer, id, request.body);
      return accept(ctx, UPDATE, request);
    }
    return presentPageMarkdown(await updatePageMarkdown(ctx, request.viewer, id, request.body));
  });
}
