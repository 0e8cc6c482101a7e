import { APIErrorCode, LogLevel, isNotionClientError } from "@notionhq/client";
import { afterEach } from "vitest";
import { type Quire, type StartQuireOptions, startQuire } from "../../../src/testing/index.ts";
import { testDatabaseOptions } from "../../support/test-database.ts";

const started: Quire[] = [];

/** startQuire on this project's engine (its own schema of the run's database on PostgreSQL), closed after the test. */
export async function start(options: StartQuireOptions = {}): Promise<Quire> {
  const quire = await startQuire({ databaseUrl: testDatabaseOptions().url, ...options });
  started.push(quire);
  return quire;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((q) => q.close()));
});

/** A client that fails fast and quietly: no retries, no warnings for expected errors. */
export function quiet(quire: Quire, auth?: string) {
  return quire.client({ retry: false, logLevel: LogLevel.ERROR, ...(auth ? { auth } : {}) });
}

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (isNotionClientError(error)) return error.code;
    throw error;
  }
}

export const NOT_FOUND = APIErrorCode.ObjectNotFound;

/** Two databases linked both ways, with a formula, a rollup, people, and a page shared with a bot. */
export const PROJECTS_SEED = {
  workspace: { name: "Acme" },
  users: [{ key: "ana", name: "Ana", email: "ana@example.com" }],
  integrations: [
    { name: "Bot", token: "ntn_fixedtokenforthetestsuite0000000000000000000", share: ["shared"] },
  ],
  pages: [
    {
      key: "shared",
      title: "Shared with the bot",
      icon: "🤖",
      content: [
        "# Hello",
        "- one",
        { toggle: { text: "More", children: ["inside"] } },
        { link_to_page: "private" },
      ],
      databases: [
        {
          key: "projects",
          title: "Projects",
          properties: {
            Name: "title",
            Budget: { type: "number", format: "dollar" },
            Done: { type: "rollup", relation: "Tasks", property: "Done", function: "percent_checked" },
          },
          rows: [{ key: "launch", properties: { Name: "Launch", Budget: 100 } }],
        },
      ],
    },
    { key: "private", title: "Private" },
  ],
  databases: [
    {
      key: "tasks",
      title: "Tasks",
      properties: {
        Task: "title",
        Done: "checkbox",
        Priority: { type: "select", options: ["High", "Low"] },
        Owner: "people",
        Project: { type: "relation", database: "projects", dual: "Tasks" },
        Label: { type: "formula", expression: 'prop("Task") + "!"' },
      },
      rows: [
        {
          key: "t1",
          properties: { Task: "Write", Done: true, Priority: "High", Owner: "ana", Project: "launch" },
        },
        { key: "t2", properties: { Task: "Ship", Done: false, Priority: "Low", Project: ["launch"] } },
      ],
    },
  ],
};
