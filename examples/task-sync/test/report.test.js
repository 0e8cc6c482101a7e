import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { startQuire } from "quire-server/testing";
import { openTasks } from "../task-sync.js";

const seed = new URL("./seed.yaml", import.meta.url).pathname;
let quire;
beforeAll(async () => {
  quire = await startQuire({ seed, databaseUrl: process.env.QUIRE_URL || undefined });
});
afterAll(() => quire.close());
beforeEach(() => quire.reset());

it("lists open tasks by due date, unaffected by the other file's writes", async () => {
  expect(await openTasks(quire.client(), quire.seeded.dataSources.tasks)).toEqual(["Fix login", "Ship v2"]);
});

it("sees a task added in this test only", async () => {
  const notion = quire.client();
  await notion.pages.create({
    parent: { data_source_id: quire.seeded.dataSources.tasks },
    properties: {
      Task: { title: [{ text: { content: "Urgent" } }] },
      Due: { date: { start: "2025-01-01" } },
    },
  });
  expect(await openTasks(notion, quire.seeded.dataSources.tasks)).toEqual(["Urgent", "Fix login", "Ship v2"]);
});

it("rides out Notion's rate limit: the SDK waits for Retry-After and tries again", async () => {
  quire.fault({ path: "/v1/data_sources/*/query", action: "rate_limited", retry_after: 1, times: 1 });
  const notion = quire.client({ retry: { maxRetries: 2 } });
  expect(await openTasks(notion, quire.seeded.dataSources.tasks)).toEqual(["Fix login", "Ship v2"]);
  const statuses = quire.requests().map((request) => request.status);
  expect(statuses).toEqual([429, 200]);
});
