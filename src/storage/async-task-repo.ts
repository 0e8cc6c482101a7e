import type { JsonObject } from "../domain/validation.ts";
import type { Dialect } from "./store.ts";
import type { Executor } from "./executor.ts";
import { readRows } from "./raw-sql.ts";
import { type AsyncTaskTable, readJson } from "./schema.ts";

export interface AsyncTaskRecord {
  id: string;
  workspaceId: string;
  userId: string;
  operation: string;
  status: AsyncTaskTable["status"];
  payload: JsonObject;
  result: JsonObject | null;
  error: JsonObject | null;
  attempts: number;
  createdTime: string;
  updatedTime: string;
}

function toRecord(row: AsyncTaskTable): AsyncTaskRecord {
  return {
    ...row,
    payload: readJson<JsonObject>(row.payload) ?? {},
    result: readJson<JsonObject>(row.result),
    error: readJson<JsonObject>(row.error),
    attempts: Number(row.attempts),
  };
}

export async function insertTask(
  db: Executor,
  task: Pick<AsyncTaskRecord, "id" | "workspaceId" | "userId" | "operation" | "payload" | "createdTime">,
): Promise<AsyncTaskRecord> {
  const row: AsyncTaskTable = {
    ...task,
    status: "queued",
    payload: JSON.stringify(task.payload),
    result: null,
    error: null,
    attempts: 0,
    updatedTime: task.createdTime,
  };
  await db.insertInto("asyncTasks").values(row).execute();
  return toRecord(row);
}

export async function findTask(db: Executor, id: string): Promise<AsyncTaskRecord | undefined> {
  const row = await db.selectFrom("asyncTasks").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toRecord(row);
}

const COLUMNS = `id, workspace_id as "workspaceId", user_id as "userId", operation, status, payload, result,
  error, attempts, created_time as "createdTime", updated_time as "updatedTime"`;

/**
 * Marks the oldest queued task running and returns it. On PostgreSQL SKIP LOCKED lets several
 * processes claim different tasks at once; SQLite runs one write transaction at a time anyway.
 */
export async function claimNextTask(
  db: Executor,
  dialect: Dialect,
  now: string,
): Promise<AsyncTaskRecord | undefined> {
  const lock = dialect === "postgres" ? "for update skip locked" : "";
  const rows = await readRows<AsyncTaskTable>(
    db,
    `update async_tasks set status = 'running', attempts = attempts + 1, updated_time = ?
      where id = (select id from async_tasks where status in ('queued', 'retrying')
        order by created_time limit 1 ${lock})
      returning ${COLUMNS}`,
    [now],
  );
  return rows[0] && toRecord(rows[0]);
}

export async function finishTask(
  db: Executor,
  id: string,
  outcome: { status: "succeeded"; result: JsonObject } | { status: "failed"; error: JsonObject },
  now: string,
): Promise<void> {
  await db
    .updateTable("asyncTasks")
    .set({
      status: outcome.status,
      result: outcome.status === "succeeded" ? JSON.stringify(outcome.result) : null,
      error: outcome.status === "failed" ? JSON.stringify(outcome.error) : null,
      updatedTime: now,
    })
    .where("id", "=", id)
    .execute();
}
