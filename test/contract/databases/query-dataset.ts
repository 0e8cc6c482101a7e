import { expect } from "vitest";
import type { TestWorkspace } from "../../support/quire.ts";
import { text } from "../helpers.ts";
import { type Filter, type Table, addRow, matching, newTable, updateRow } from "./fixtures.ts";

/**
 * Five rows with a value of every filterable type, for the filter suites. Gamma is the row with empty
 * values; names are chosen so no case (or sort collation) question can change a result.
 *
 * |        | Alpha             | Beta                 | Gamma | Delta          | Epsilon     |
 * | Notes  | red apple         | green apple pie      | –     | blue           | apple       |
 * | Score  | 10                | 2.5                  | –     | -3             | 0           |
 * | Done   | ✓                 |                      |       | ✓              |             |
 * | Kind   | Bug               | Feature              | –     | Bug            | Chore       |
 * | State  | Done              | In progress          | (Not started)  | Done  | (Not started) |
 * | Tags   | ui, api           | api                  | –     | db             | ui          |
 * | Owners | owner             | –                    | –     | owner          | –           |
 * | Files  | 1                 | –                    | –     | 2              | –           |
 * | Rel    | T1                | T1, T2               | –     | T2             | –           |
 * | Ticket | 1                 | 2                    | 3     | 4              | 5           |
 * | Check  | verified          | –                    | –     | –              | –           |
 * Beta was last edited by the integration "Editor"; everything else by the owner. T1 has 5 points, T2 20.
 */
export interface Dataset {
  table: Table;
  targets: Table;
  t1: string;
  t2: string;
  botId: string;
  ownerId: string;
}

export const ALL = ["Alpha", "Beta", "Delta", "Epsilon", "Gamma"];

export async function dataset(ws: TestWorkspace): Promise<Dataset> {
  const targets = await newTable(ws, { Points: { number: {} } }, { title: "Targets" });
  const client = targets.client;
  const t1 = (await addRow(targets, "T1", { Points: { number: 5 } })).id;
  const t2 = (await addRow(targets, "T2", { Points: { number: 20 } })).id;
  const table = await newTable(
    ws,
    {
      Notes: { rich_text: {} },
      Link: { url: {} },
      Mail: { email: {} },
      Phone: { phone_number: {} },
      Score: { number: {} },
      Done: { checkbox: {} },
      Kind: { select: { options: [{ name: "Bug" }, { name: "Feature" }, { name: "Chore" }] } },
      State: { status: {} },
      Tags: { multi_select: { options: [{ name: "ui" }, { name: "api" }, { name: "db" }] } },
      Owners: { people: {} },
      Files: { files: {} },
      Rel: { relation: { data_source_id: targets.dataSourceId, single_property: {} } },
      Sum: { rollup: { function: "sum", relation_property_name: "Rel", rollup_property_name: "Points" } },
      Original: {
        rollup: { function: "show_original", relation_property_name: "Rel", rollup_property_name: "Points" },
      },
      Ticket: { unique_id: { prefix: "T" } },
      Check: { verification: {} },
      Creator: { created_by: {} },
      Editor: { last_edited_by: {} },
    },
    { rootId: targets.rootId, client, title: "Filters" },
  );
  const file = (name: string) => ({ name, external: { url: `https://example.com/${name}` } });
  const rows = {
    Alpha: await addRow(table, "Alpha", {
      Notes: { rich_text: text("red apple") },
      Link: { url: "https://red.example/apple" },
      Mail: { email: "red@apple.com" },
      Phone: { phone_number: "+1 555 0100" },
      Score: { number: 10 },
      Done: { checkbox: true },
      Kind: { select: { name: "Bug" } },
      State: { status: { name: "Done" } },
      Tags: { multi_select: [{ name: "ui" }, { name: "api" }] },
      Owners: { people: [{ id: ws.ownerId }] },
      Files: { files: [file("spec.pdf")] },
      Rel: { relation: [{ id: t1 }] },
      Check: { verification: { state: "verified" } },
    }),
    Beta: await addRow(table, "Beta", {
      Notes: { rich_text: text("green apple pie") },
      Link: { url: "https://green.example/apple-pie" },
      Mail: { email: "green@apple.pie" },
      Phone: { phone_number: "+44 20 7946 0958" },
      Score: { number: 2.5 },
      Kind: { select: { name: "Feature" } },
      State: { status: { name: "In progress" } },
      Tags: { multi_select: [{ name: "api" }] },
      Rel: { relation: [{ id: t1 }, { id: t2 }] },
    }),
    Gamma: await addRow(table, "Gamma"),
    Delta: await addRow(table, "Delta", {
      Notes: { rich_text: text("blue") },
      Link: { url: "https://blue.example" },
      Mail: { email: "blue@sky.com" },
      Phone: { phone_number: "555-1234" },
      Score: { number: -3 },
      Done: { checkbox: true },
      Kind: { select: { name: "Bug" } },
      State: { status: { name: "Done" } },
      Tags: { multi_select: [{ name: "db" }] },
      Owners: { people: [{ id: ws.ownerId }] },
      Files: { files: [file("a.png"), file("b.png")] },
      Rel: { relation: [{ id: t2 }] },
    }),
    Epsilon: await addRow(table, "Epsilon", {
      Notes: { rich_text: text("apple") },
      Link: { url: "https://apple.example" },
      Mail: { email: "apple@x.io" },
      Phone: { phone_number: "0100" },
      Score: { number: 0 },
      Kind: { select: { name: "Chore" } },
      Tags: { multi_select: [{ name: "ui" }] },
    }),
  };
  const token = await ws.integration("Editor");
  await ws.share("Editor", targets.rootId);
  const bot = ws.client(token);
  const botId = (await bot.users.me({})).id;
  await updateRow(bot, rows.Beta.id, { Score: { number: 2.5 } });
  return { table, targets, t1, t2, botId, ownerId: ws.ownerId };
}

/** A filter case: its label, the filter, the expected names (sorted), and names whose outcome Notion leaves open. */
export type FilterCase = [label: string, filter: Filter, expected: string[], ignore?: string[]];

/** Runs every case and compares all at once, so one failure report shows every wrong case. */
export async function checkCases(table: Table, cases: FilterCase[]): Promise<void> {
  const actual: Record<string, string[]> = {};
  const wanted: Record<string, string[]> = {};
  for (const [label, filter, expected, ignore = []] of cases) {
    actual[label] = (await matching(table, filter)).filter((name) => !ignore.includes(name));
    wanted[label] = [...expected].sort();
  }
  expect(actual).toEqual(wanted);
}
