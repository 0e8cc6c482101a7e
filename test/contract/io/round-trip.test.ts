import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@notionhq/client";
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
  const dir = await mkdtemp(join(tmpdir(), "quire-io-"));
  dirs.push(dir);
  return dir;
}

const ROOT_MARKDOWN = `## Overview
Some **bold** and *italic* text with \`code\` and a [link](https://example.com).
- first
	- nested
- second
1. one
2. two
- [ ] open task
- [x] done task
> a quote
\`\`\`ts
const x = 1;
\`\`\`
---
<callout icon="💡">
	Remember this
</callout>`;

interface Source {
  databaseId: string;
  sourceId: string;
}

async function buildWorkspace(client: Client) {
  const root = await client.pages.create({
    parent: { workspace: true },
    properties: { title: { title: [{ text: { content: "Handbook" } }] } },
    icon: { type: "emoji", emoji: "📘" },
    markdown: ROOT_MARKDOWN,
  });
  const child = await client.pages.create({
    parent: { page_id: root.id },
    properties: { title: { title: [{ text: { content: "Onboarding" } }] } },
    markdown: "### Day one\nMeet the team.",
  });
  await client.pages.create({
    parent: { page_id: child.id },
    properties: { title: { title: [{ text: { content: "Checklist" } }] } },
    markdown: "- [ ] laptop\n- [ ] badge",
  });
  const projects = await client.databases.create({
    parent: { type: "page_id", page_id: root.id },
    title: [{ text: { content: "Projects" } }],
    initial_data_source: { properties: { Name: { title: {} } } },
  });
  const projectSource = "data_sources" in projects ? (projects.data_sources[0]?.id as string) : "";
  const tasks = await client.databases.create({
    parent: { type: "page_id", page_id: root.id },
    title: [{ text: { content: "Tasks" } }],
    initial_data_source: {
      properties: {
        Task: { title: {} },
        Notes: { rich_text: {} },
        Estimate: { number: { format: "number" } },
        Stage: {
          select: {
            options: [
              { name: "Todo", color: "red" },
              { name: "Doing", color: "blue" },
            ],
          },
        },
        Tags: { multi_select: { options: [{ name: "ui" }, { name: "api" }] } },
        Due: { date: {} },
        Done: { checkbox: {} },
        Link: { url: {} },
        Mail: { email: {} },
        Phone: { phone_number: {} },
        Project: { relation: { data_source_id: projectSource, dual_property: {} } },
        Double: { formula: { expression: 'prop("Estimate") * 2' } },
      },
    },
  });
  const taskSource: Source = {
    databaseId: tasks.id,
    sourceId: "data_sources" in tasks ? (tasks.data_sources[0]?.id as string) : "",
  };
  const apollo = await client.pages.create({
    parent: { data_source_id: projectSource },
    properties: { Name: { title: [{ text: { content: "Apollo" } }] } },
  });
  await client.pages.create({
    parent: { data_source_id: taskSource.sourceId },
    properties: {
      Task: { title: [{ text: { content: "Design, then build" } }] },
      Notes: { rich_text: [{ text: { content: 'Line one\nline two, with "quotes"' } }] },
      Estimate: { number: 3.5 },
      Stage: { select: { name: "Doing" } },
      Tags: { multi_select: [{ name: "ui" }, { name: "api" }] },
      Due: { date: { start: "2026-03-01", end: "2026-03-05" } },
      Done: { checkbox: true },
      Link: { url: "https://example.com/a" },
      Mail: { email: "a@example.com" },
      Phone: { phone_number: "+1 555 0100" },
      Project: { relation: [{ id: apollo.id }] },
    },
    markdown: `Row content with a [link to Onboarding](${"url" in child ? child.url : ""})`,
  });
  await client.pages.create({
    parent: { data_source_id: taskSource.sourceId },
    properties: { Task: { title: [{ text: { content: "Empty row" } }] } },
  });
  return { root, taskSource, projectSource };
}

type Props = Record<string, { type: string; [key: string]: unknown }>;

function simplify(properties: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    const inner = value[value.type];
    if (value.type === "title" || value.type === "rich_text")
      out[name] = (inner as Array<{ plain_text: string }>).map((t) => t.plain_text).join("");
    else if (value.type === "select") out[name] = (inner as { name: string } | null)?.name ?? null;
    else if (value.type === "multi_select") out[name] = (inner as Array<{ name: string }>).map((o) => o.name);
    else if (value.type === "relation") out[name] = (inner as unknown[]).length;
    else if (value.type === "formula") out[name] = (inner as { number?: number }).number ?? null;
    else out[name] = inner;
  }
  return out;
}

async function rowsOf(client: Client, sourceId: string) {
  const { results } = await client.dataSources.query({ data_source_id: sourceId });
  return results.map((r) => ("properties" in r ? simplify(r.properties as Props) : {}));
}

describe("quire export → quire import", () => {
  it("restores pages, nested pages, blocks, the schema and every property value", async () => {
    const source = await server.workspace();
    const client = source.client();
    const { root, taskSource, projectSource } = await buildWorkspace(client);
    const dir = await tempDir();
    const progress: number[] = [];
    const summary = await exportWorkspace(server.ctx, ownerViewer(source), dir, (done) =>
      progress.push(done),
    );
    expect(summary).toMatchObject({ pages: 6, databases: 2 });
    expect(progress.at(-1)).toBe(6);
    const top = (await readdir(dir)).sort();
    expect(top).toContain("quire.json");
    const rootName = `Handbook ${root.id.replace(/-/g, "")}`;
    expect(top).toContain(`${rootName}.md`);
    const inner = await readdir(join(dir, rootName));
    expect(inner.some((f) => /^Tasks [0-9a-f]{32}\.csv$/.test(f))).toBe(true);
    expect(inner.some((f) => /^Tasks [0-9a-f]{32}_all\.csv$/.test(f))).toBe(true);
    const rootFile = await readFile(join(dir, `${rootName}.md`), "utf8");
    expect(rootFile.slice(0, 24)).toBe("# Handbook\n\n## Overview\n");

    const target = await server.workspace();
    const client2 = target.client();
    const report = await importExport(server.ctx, ownerViewer(target), dir);
    expect(report.failed).toEqual([]);
    expect(report).toMatchObject({ pages: 3, databases: 2, rows: 3 });
    const [newRoot] = report.roots;
    expect(newRoot?.title).toBe("Handbook");
    const page = await client2.pages.retrieve({ page_id: newRoot?.id as string });
    expect("icon" in page && page.icon).toEqual({ type: "emoji", emoji: "📘" });

    const before = await markdownOf(client, root.id);
    const after = await markdownOf(client2, newRoot?.id as string);
    const strip = (md: string) => md.replace(/url="[^"]*"/g, 'url=""');
    expect(strip(after)).toBe(strip(before));

    const children = await childObjects(client2, newRoot?.id as string);
    expect([...children.keys()]).toEqual(["Onboarding", "Projects", "Tasks"]);
    const onboarding = children.get("Onboarding")?.id as string;
    expect(await markdownOf(client2, onboarding)).toContain("### Day one\nMeet the team.");
    const checklist = (await childObjects(client2, onboarding)).get("Checklist")?.id as string;
    expect(await markdownOf(client2, checklist)).toBe("- [ ] laptop\n- [ ] badge");

    const tasks = await client2.databases.retrieve({ database_id: children.get("Tasks")?.id as string });
    const newSource = "data_sources" in tasks ? (tasks.data_sources[0]?.id as string) : "";
    const schemaBefore = await client.dataSources.retrieve({ data_source_id: taskSource.sourceId });
    const schemaAfter = await client2.dataSources.retrieve({ data_source_id: newSource });
    const types = (s: typeof schemaBefore) =>
      Object.fromEntries(Object.values(s.properties).map((p) => [p.name, p.type]));
    expect(types(schemaAfter)).toEqual(types(schemaBefore));
    const stage = schemaAfter.properties.Stage;
    expect(stage?.type === "select" && stage.select.options.map((o) => [o.name, o.color])).toEqual([
      ["Todo", "red"],
      ["Doing", "blue"],
    ]);
    expect(await rowsOf(client2, newSource)).toEqual(await rowsOf(client, taskSource.sourceId));
    // The dual relation's other side is one property again, with its name and its values.
    const projects = await client2.databases.retrieve({
      database_id: children.get("Projects")?.id as string,
    });
    const newProjects = "data_sources" in projects ? (projects.data_sources[0]?.id as string) : "";
    expect(types(await client2.dataSources.retrieve({ data_source_id: newProjects }))).toEqual(
      types(await client.dataSources.retrieve({ data_source_id: projectSource })),
    );
    expect(await rowsOf(client2, newProjects)).toEqual(await rowsOf(client, projectSource));

    const rows = await client2.dataSources.query({ data_source_id: newSource });
    const designed = rows.results.find(
      (r) => "properties" in r && simplify(r.properties as Props).Task === "Design, then build",
    );
    const rowMarkdown = await markdownOf(client2, designed?.id as string);
    expect(rowMarkdown).toContain("Row content with a [link to Onboarding](");
    // The link names the imported page, not the original one.
    expect(rowMarkdown).toContain(onboarding.replace(/-/g, ""));
  });
});
