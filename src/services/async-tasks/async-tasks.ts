import { newId } from "../../domain/ids.ts";
import { type JsonObject, isObject } from "../../domain/validation.ts";
import type { ApiVersion } from "../../domain/versions.ts";
import { ApiError, unexpectedError } from "../../errors.ts";
import {
  type AsyncTaskRecord,
  claimNextTask,
  findTask,
  finishTask,
  insertTask,
} from "../../storage/async-task-repo.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import type { Capability, Viewer } from "../access/viewer.ts";

/** What a task replays: the accepted request, with the caller as authenticated when it was accepted. */
export interface TaskRequest {
  version: ApiVersion;
  params: Record<string, string>;
  body: JsonObject;
}

/** Runs an accepted request and returns its response body (the wire JSON a synchronous call answers). */
export type TaskHandler = (ctx: ServiceContext, viewer: Viewer, request: TaskRequest) => Promise<object>;

const handlers = new Map<string, TaskHandler>();

/** Operations are named as Notion names them, e.g. `PATCH /v1/pages/:page_id/markdown`. */
export function defineTaskHandler(operation: string, handler: TaskHandler): void {
  handlers.set(operation, handler);
}

function storedViewer(viewer: Viewer): JsonObject {
  return {
    ...viewer,
    integration: viewer.integration && {
      ...viewer.integration,
      capabilities: [...viewer.integration.capabilities],
    },
  };
}

function loadViewer(value: unknown): Viewer {
  const v = isObject(value) ? value : {};
  const integration = isObject(v.integration) ? v.integration : null;
  return {
    workspaceId: String(v.workspaceId),
    workspaceName: String(v.workspaceName),
    userId: String(v.userId),
    integration: integration && {
      id: String(integration.id),
      name: String(integration.name),
      capabilities: new Set(
        (Array.isArray(integration.capabilities) ? integration.capabilities : []) as Capability[],
      ),
    },
  };
}

/**
 * Notion's task ids are `task_` and 32 hex digits, not UUIDs (recorded from api.notion.com:
 * test/fixtures/notion-shapes/sdk-py-async-tasks-retrieve.json); clients keep them as they come.
 */
function newTaskId(): string {
  return `task_${newId().replaceAll("-", "")}`;
}

/** Accepts a request for background execution (reference/retrieve-async-task): status `queued`. */
export async function enqueueTask(
  ctx: ServiceContext,
  viewer: Viewer,
  operation: string,
  request: TaskRequest,
): Promise<AsyncTaskRecord> {
  const task = await ctx.store.transaction((trx) =>
    insertTask(trx, {
      id: newTaskId(),
      workspaceId: viewer.workspaceId,
      userId: viewer.userId,
      operation,
      payload: { viewer: storedViewer(viewer), request: { ...request } },
      createdTime: nowIso(ctx),
    }),
  );
  scheduleWork(ctx);
  return task;
}

/** A task its creator may read; anyone else gets the same 404 as for a task that doesn't exist. */
export async function getTask(ctx: ServiceContext, viewer: Viewer, id: string): Promise<AsyncTaskRecord> {
  const task = await findTask(ctx.store.db, id);
  if (!task || task.workspaceId !== viewer.workspaceId || task.userId !== viewer.userId) {
    throw new ApiError("object_not_found", `Could not find async task with ID: ${id}.`);
  }
  // A task left queued (its process stopped before running it) is picked up by whoever polls it.
  if (task.status === "queued" || task.status === "retrying") scheduleWork(ctx);
  return task;
}

const workers = new WeakMap<ServiceContext, { again: boolean; done: Promise<void> }>();

/** Runs queued tasks after the current response is sent; one worker per process drains the queue. */
export function scheduleWork(ctx: ServiceContext): void {
  const running = workers.get(ctx);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: false, done: Promise.resolve() };
  workers.set(ctx, state);
  state.done = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => drain(ctx, state))
    .finally(() => workers.delete(ctx));
}

async function drain(ctx: ServiceContext, state: { again: boolean }): Promise<void> {
  for (;;) {
    state.again = false;
    let task: AsyncTaskRecord | undefined;
    try {
      task = await ctx.store.transaction((trx) => claimNextTask(trx, ctx.store.dialect, nowIso(ctx)));
    } catch {
      return; // The database is closing or unreachable; a later poll reschedules the work.
    }
    if (!task) {
      if (state.again) continue;
      return;
    }
    await run(ctx, task);
  }
}

function errorBody(error: unknown): JsonObject {
  const api = error instanceof ApiError ? error : unexpectedError();
  return {
    object: "error",
    status: api.status,
    code: api.code,
    message: api.message,
    ...(api.additionalData ? { additional_data: api.additionalData } : {}),
  };
}

async function run(ctx: ServiceContext, task: AsyncTaskRecord): Promise<void> {
  const handler = handlers.get(task.operation);
  const payload = task.payload;
  const request = (isObject(payload.request) ? payload.request : {}) as unknown as TaskRequest;
  let outcome: { status: "succeeded"; result: JsonObject } | { status: "failed"; error: JsonObject };
  try {
    if (!handler) throw new ApiError("internal_server_error", `No handler for ${task.operation}.`);
    const result = await handler(ctx, loadViewer(payload.viewer), request);
    outcome = { status: "succeeded", result: result as JsonObject };
  } catch (error) {
    outcome = { status: "failed", error: errorBody(error) };
  }
  try {
    await ctx.store.transaction((trx) => finishTask(trx, task.id, outcome, nowIso(ctx)));
  } catch {
    // The database went away mid-task; the row stays `running` and is reported as such.
  }
}
