import type { Client } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { childTexts, expectApiError, workspacePage } from "../helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

type Task = Awaited<ReturnType<Client["asyncTasks"]["retrieve"]>>;

/** Polls until the task is finished; the number of polls is bounded, not the time. */
async function finished(client: Client, id: string): Promise<Task> {
  for (let i = 0; i < 200; i++) {
    const task = await client.asyncTasks.retrieve({ task_id: id });
    if (task.status === "succeeded" || task.status === "failed") return task;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`task ${id} did not finish`);
}

describe("allow_async markdown writes", () => {
  it("accepts an update with 202 and a queued task whose result is the page markdown", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const response = await ws.fetch(`/v1/pages/${page.id}/markdown`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "insert_content",
        insert_content: { content: "later" },
        allow_async: true,
      }),
    });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as Task & { request_id: string };
    expect(accepted).toMatchObject({
      object: "async_task",
      status: "queued",
      status_url: `${server.url}/v1/async_tasks/${accepted.id}`,
      poll_after_seconds: 1,
      operation: { surface: "rest", name: "PATCH /v1/pages/:page_id/markdown" },
    });
    const task = await finished(client, accepted.id);
    expect(task).toMatchObject({
      status: "succeeded",
      result: { object: "page_markdown", id: page.id, markdown: "later", truncated: false },
    });
    expect(await childTexts(client, page.id)).toEqual(["later"]);
  });

  it("creates a page asynchronously through the SDK and returns the page as the result", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client);
    const accepted = (await client.pages.create({
      parent: { page_id: root.id },
      markdown: "# Async page\n- item",
      allow_async: true,
    })) as unknown as Task;
    expect(accepted.object).toBe("async_task");
    const task = await finished(client, accepted.id);
    if (task.status !== "succeeded") throw new Error(JSON.stringify(task));
    const created = task.result as {
      object: string;
      id: string;
      properties: { title: { title: { plain_text: string }[] } };
    };
    expect(created.object).toBe("page");
    expect(created.properties.title.title[0]?.plain_text).toBe("Async page");
    expect(await childTexts(client, created.id)).toEqual(["item"]);
  });

  it("validates before accepting, and reports failures found while running as a failed task", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await expectApiError(
      client.pages.updateMarkdown({ page_id: page.id, type: "replace_content", allow_async: true } as never),
      { status: 400, code: "validation_error" },
    );
    const accepted = (await client.pages.updateMarkdown({
      page_id: page.id,
      type: "update_content",
      update_content: { content_updates: [{ old_str: "nothing here", new_str: "x" }] },
      allow_async: true,
    })) as unknown as Task;
    const task = await finished(client, accepted.id);
    expect(task).toMatchObject({
      status: "failed",
      error: { object: "error", status: 400, code: "validation_error" },
    });
  });

  it("shows a task only to whoever created it", async () => {
    const ws = await server.workspace();
    const page = await workspacePage(ws.client());
    const accepted = (await ws.client().pages.updateMarkdown({
      page_id: page.id,
      type: "insert_content",
      insert_content: { content: "x" },
      allow_async: true,
    })) as unknown as Task;
    await finished(ws.client(), accepted.id);
    const other = await server.workspace();
    await expectApiError(other.client().asyncTasks.retrieve({ task_id: accepted.id }), {
      status: 404,
      code: "object_not_found",
      message: `Could not find async task with ID: ${accepted.id}.`,
    });
  });
});
