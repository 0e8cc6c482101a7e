import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportWorkspace } from "../../../src/services/io/export-service.ts";
import { importExport } from "../../../src/services/io/import-service.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { childObjects, markdownOf, ownerViewer } from "./support.ts";

let server: TestServer;
const dirs: string[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "quire-notion-"));
  dirs.push(dir);
  return dir;
}

const WIKI = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const NOTES = "11111111111111111111111111111111";
const TASKS = "22222222222222222222222222222222";
const PROJECTS = "33333333333333333333333333333333";
const APOLLO = "44444444444444444444444444444444";
const ROW1 = "55555555555555555555555555555555";
const ROW2 = "66666666666666666666666666666666";
const ROW3 = "77777777777777777777777777777777";

const enc = (s: string) => s.replace(/ /g, "%20");

/** A hand-made export in the layout of Notion's "Markdown & CSV" export (Settings → Export). */
function notionExport(): Record<string, Uint8Array> {
  const top = "Export-0f6c3a1b";
  const wiki = `${top}/Team Wiki ${WIKI}`;
  const files: Record<string, string> = {
    [`${wiki}.md`]: [
      "# Team Wiki",
      "",
      "Welcome to the **wiki**. See [Meeting Notes](" +
        enc(`Team Wiki ${WIKI}/Meeting Notes ${NOTES}.md`) +
        ").",
      "",
      "[Meeting Notes](" + enc(`Team Wiki ${WIKI}/Meeting Notes ${NOTES}.md`) + ")",
      "",
      "[Tasks](" + enc(`Team Wiki ${WIKI}/Tasks ${TASKS}.csv`) + ")",
      "",
    ].join("\n"),
    [`${wiki}/Meeting Notes ${NOTES}.md`]: "# Meeting Notes\n\n- Agenda\n- Decisions\n",
    [`${wiki}/Tasks ${TASKS}.csv`]: "Name,Status\nWrite docs,Doing\n",
    [`${wiki}/Tasks ${TASKS}_all.csv`]:
      "\uFEFFName,Status,Due,Done,Estimate,Tags,Website,Owner Email,Project,Summary\n" +
      `Write docs,Doing,"March 1, 2026",Yes,3,"docs, writing",https://example.com/docs,ann@example.com,Apollo (${enc(`Projects ${PROJECTS}/Apollo ${APOLLO}.md`)}),"A long, free text summary number one"\n` +
      `Ship it,Todo,"March 5, 2026 → March 7, 2026",No,"1,200",docs,https://example.com/ship,bob@example.com,,Another summary that is unique\n` +
      `Plan,Doing,"April 2, 2026 3:30 PM",No,0.5,"writing, docs",,,,\n`,
    [`${wiki}/Tasks ${TASKS}/Write docs ${ROW1}.md`]:
      "# Write docs\n\nStatus: Doing\nDue: March 1, 2026\nDone: Yes\n\nDraft the **guide**.\n",
    [`${wiki}/Tasks ${TASKS}/Ship it ${ROW2}.md`]: "# Ship it\n\nStatus: Todo\n",
    [`${wiki}/Tasks ${TASKS}/Plan ${ROW3}.md`]: "# Plan\n\nStatus: Doing\n\n> think first\n",
    [`${wiki}/Projects ${PROJECTS}.csv`]: "Name\nApollo\n",
    [`${wiki}/Projects ${PROJECTS}/Apollo ${APOLLO}.md`]: "# Apollo\n",
  };
  const out: Record<string, Uint8Array> = Object.fromEntries(
    Object.entries(files).map(([path, text]) => [path, strToU8(text)]),
  );
  out[`${wiki}/Meeting Notes ${NOTES}/diagram.png`] = new Uint8Array([137, 80, 78, 71]);
  return out;
}

describe("importing Notion's Markdown & CSV export", () => {
  it("reads the zip: pages, sub-pages, a database with inferred types and relations", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const parent = await client.pages.create({ parent: { workspace: true }, properties: {} });
    const zip = join(await tempDir(), "notion.zip");
    // Large Notion exports come as a zip of zips; this one does too.
    await writeFile(zip, zipSync({ "Export-Part-1.zip": zipSync(notionExport()) }));
    const report = await importExport(server.ctx, ownerViewer(ws), zip, { parentId: parent.id });
    expect(report.failed).toEqual([]);
    expect(report).toMatchObject({ pages: 2, databases: 2, rows: 4 });
    expect(report.skipped).toHaveLength(1);
    expect(report.roots.map((r) => r.title)).toEqual(["Team Wiki"]);

    const wikiId = report.roots[0]?.id as string;
    const wiki = await markdownOf(client, wikiId);
    const children = await childObjects(client, wikiId);
    expect([...children.keys()].sort()).toEqual(["Meeting Notes", "Projects", "Tasks"]);
    const notesId = (children.get("Meeting Notes")?.id as string).replace(/-/g, "");
    expect(wiki).toContain("Welcome to the **wiki**. See [Meeting Notes](");
    expect(wiki).toContain(`${notesId})`);
    // The link-only line became the sub-page itself, in place.
    expect(wiki.split("\n")[1]).toMatch(/^<page url="[^"]*">Meeting Notes<\/page>$/);
    expect(await markdownOf(client, children.get("Meeting Notes")?.id as string)).toBe(
      "- Agenda\n- Decisions",
    );

    const tasks = await client.databases.retrieve({ database_id: children.get("Tasks")?.id as string });
    const sourceId = "data_sources" in tasks ? (tasks.data_sources[0]?.id as string) : "";
    const schema = await client.dataSources.retrieve({ data_source_id: sourceId });
    expect(Object.fromEntries(Object.values(schema.properties).map((p) => [p.name, p.type]))).toEqual({
      Name: "title",
      Status: "select",
      Due: "date",
      Done: "checkbox",
      Estimate: "number",
      Tags: "multi_select",
      Website: "url",
      "Owner Email": "email",
      Project: "relation",
      Summary: "rich_text",
    });
    const { results } = await client.dataSources.query({
      data_source_id: sourceId,
      sorts: [{ property: "Estimate", direction: "descending" }],
    });
    const rows = results.map((r) => ("properties" in r ? r : null));
    const first = rows[0]?.properties;
    expect(first?.Name).toMatchObject({ title: [{ plain_text: "Ship it" }] });
    expect(first?.Estimate).toMatchObject({ number: 1200 });
    expect(first?.Due).toMatchObject({ date: { start: "2026-03-05", end: "2026-03-07" } });
    const docs = rows[1]?.properties;
    expect(docs?.Done).toMatchObject({ checkbox: true });
    expect(docs?.Tags).toMatchObject({ multi_select: [{ name: "docs" }, { name: "writing" }] });
    const projects = await childObjects(client, wikiId);
    const projectDb = await client.databases.retrieve({
      database_id: projects.get("Projects")?.id as string,
    });
    const projectSource = "data_sources" in projectDb ? (projectDb.data_sources[0]?.id as string) : "";
    const apollo = (await client.dataSources.query({ data_source_id: projectSource })).results[0];
    expect(docs?.Project).toMatchObject({ relation: [{ id: apollo?.id }] });
    expect(rows[2]?.properties.Due).toMatchObject({ date: { start: "2026-04-02T15:30:00.000Z" } });
    // Property lines are values, not content; the rest of the row file is.
    expect(await markdownOf(client, rows[1]?.id as string)).toBe("Draft the **guide**.");
    expect(await markdownOf(client, rows[2]?.id as string)).toBe("> think first");
  });
});

describe("bad input", () => {
  async function blocksOf(workspaceId: string): Promise<number> {
    const row = await server.store.db
      .selectFrom("blocks")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("workspaceId", "=", workspaceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it("names a missing folder, a broken zip and an empty folder", async () => {
    const ws = await server.workspace();
    const dir = await tempDir();
    await expect(importExport(server.ctx, ownerViewer(ws), join(dir, "nope"))).rejects.toThrow(
      `${join(dir, "nope")} does not exist.`,
    );
    await writeFile(join(dir, "broken.zip"), "not a zip at all");
    await expect(importExport(server.ctx, ownerViewer(ws), join(dir, "broken.zip"))).rejects.toThrow(
      `${join(dir, "broken.zip")} is not a readable zip file`,
    );
    await expect(importExport(server.ctx, ownerViewer(ws), dir)).rejects.toThrow(
      /broken\.zip is not a readable/,
    );
    const empty = await tempDir();
    await expect(importExport(server.ctx, ownerViewer(ws), empty)).rejects.toThrow(
      "holds no Markdown or CSV files",
    );
  });

  it("refuses ragged CSV rows, orphan row files and row-count mismatches, importing nothing", async () => {
    const ws = await server.workspace();
    const dir = await tempDir();
    await writeFile(join(dir, `T ${TASKS}.csv`), "Name,Count\nA,1\nB\n");
    await expect(importExport(server.ctx, ownerViewer(ws), dir)).rejects.toThrow(
      `T ${TASKS}.csv line 3: 1 cells, but the header has 2.`,
    );
    await writeFile(join(dir, `T ${TASKS}.csv`), "Name,Count\nA,1\n");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(dir, `T ${TASKS}`));
    await writeFile(join(dir, `T ${TASKS}`, `Z ${ROW1}.md`), "# Z\n");
    await expect(importExport(server.ctx, ownerViewer(ws), dir)).rejects.toThrow(
      `T ${TASKS}/Z ${ROW1}.md is in the folder of T ${TASKS}.csv but has no row in it.`,
    );
    expect(await blocksOf(ws.id)).toBe(0);
  });

  it("checks a Quire export's CSV against quire.json and cell values against the schema", async () => {
    const source = await server.workspace();
    const client = source.client();
    const db = await client.databases.create({
      parent: { type: "workspace", workspace: true },
      title: [{ text: { content: "Scores" } }],
      initial_data_source: { properties: { Name: { title: {} }, Score: { number: {} } } },
    });
    const sourceId = "data_sources" in db ? (db.data_sources[0]?.id as string) : "";
    for (const name of ["a", "b"])
      await client.pages.create({
        parent: { data_source_id: sourceId },
        properties: { Name: { title: [{ text: { content: name } }] }, Score: { number: 1 } },
      });
    const dir = await tempDir();
    await exportWorkspace(server.ctx, ownerViewer(source), dir);
    const csv = (await readdir(dir)).find((f) => f.endsWith("_all.csv")) as string;
    const text = await readFile(join(dir, csv), "utf8");
    await writeFile(join(dir, csv), text.replace("b,1\n", ""));
    const target = await server.workspace();
    await expect(importExport(server.ctx, ownerViewer(target), dir)).rejects.toThrow(
      `${csv} has 1 rows, but quire.json lists 2.`,
    );
    await writeFile(join(dir, csv), text.replace("b,1", "b,lots"));
    await expect(importExport(server.ctx, ownerViewer(target), dir)).rejects.toThrow(
      `${csv} line 3: column "Score": "lots" is not a number`,
    );
    expect(await blocksOf(target.id)).toBe(0);
  });
});
