import type { AsyncTaskRecord } from "../storage/async-task-repo.ts";

/** Seconds a client should wait before polling a task that isn't finished. */
const POLL_AFTER_SECONDS = 1;

/** reference/retrieve-async-task; S5 `GetAsyncTaskResponse`. */
export function presentAsyncTask(task: AsyncTaskRecord, publicUrl: string) {
  const base = {
    object: "async_task",
    id: task.id,
    status: task.status,
    status_url: `${publicUrl}/v1/async_tasks/${task.id}`,
    created_time: task.createdTime,
    operation: { surface: "rest", name: task.operation },
  };
  if (task.status === "succeeded") return { ...base, result: task.result ?? {} };
  if (task.status === "failed") return { ...base, error: task.error ?? {} };
  return { ...base, poll_after_seconds: POLL_AFTER_SECONDS };
}
