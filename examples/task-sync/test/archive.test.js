import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { startQuire } from "quire-server/testing";
import { archiveDoneTasks, openTasks } from "../task-sync.js";

const seed = new URL("./seed.yaml", import.meta.url).pathname;
let quire;
beforeAll(async () => {
  quire = await startQuire({ seed, databaseUrl: process.env.QUIRE_URL || undefined });
});
afterAll(() => quire.close());
beforeEach(() => quire.reset());

it("archives finished tasks", async () => {
  const notion = quire.client();
  expect(await archiveDoneTasks(notion, quire.seeded.dataSources.tasks)).toBe(1);
  expect(await archiveDoneTasks(notion, quire.seeded.dataSources.tasks)).toBe(0);
});

it("starts from the seed again after the previous test archived a task", async () => {
  const notion = quire.client();
  await notion.pages.create({
    parent: { data_source_id: quire.seeded.dataSources.tasks },
    properties: { Task: { title: [{ text: { content: "Also done" } }] }, Done: { checkbox: true } },
  });
  expect(await archiveDoneTasks(notion, quire.seeded.dataSources.tasks)).toBe(2);
  expect(await openTasks(notion, quire.seeded.dataSources.tasks)).toEqual(["Fix login", "Ship v2"]);
});
