import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { presentAsyncTask } from "../../presenters/present-async-task.ts";
import { getTask } from "../../services/async-tasks/async-tasks.ts";
import type { ServiceContext } from "../../services/context.ts";

export function registerAsyncTaskRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "GET", "/v1/async_tasks/:task_id", async ({ viewer, params }) =>
    presentAsyncTask(await getTask(ctx, viewer, params.task_id ?? ""), ctx.publicUrl),
  );
}
