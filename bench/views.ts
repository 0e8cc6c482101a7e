import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseRowValues, queryValues } from "../src/domain/properties/index.ts";
import type { PropertySchema } from "../src/domain/properties/types.ts";
import { keysBetween } from "../src/domain/sort-keys.ts";
import { blockRow } from "../src/services/blocks/block-rows.ts";
import { insertBlocks, type NewBlockRecord } from "../src/storage/block-repo.ts";
import { findDataSourceFields } from "../src/storage/database-repo.ts";
import { openStore } from "../src/storage/store.ts";
import { load, startServer, stop } from "./processes.ts";

/**
 * `npm run bench:views`: a data source of 100,000 rows (stored with the same domain code the API uses),
 * then, each loaded by autocannon from its own process over one connection:
 * - a view query (views.queries.create) whose view has a compound filter and a sort, next to
 *   dataSources.query with the same filter and sort (first page of 100), and the next page of each;
 * - a board grouped by a status property: the first page of 25 cards of each column, as the web UI
 *   asks for them (one query per column), and as a view query per column.
 * BENCH_DATABASE_URL selects PostgreSQL; BENCH_ROWS and BENCH_SECONDS change the size and duration.
 */
const TOTAL = Number(process.env.BENCH_ROWS ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const databaseUrl = process.env.BENCH_DATABASE_URL;

const STATUSES = ["Backlog", "Todo", "Doing", "Review", "Done"];

function rowProperties(i: number) {
  const day = new Date(Date.UTC(2026, 0, 1) + (i % 730) * 86_400_000).toISOString().slice(0, 10);
  return {
    Name: { title: [{ text: { content: `Task ${i}` } }] },
    Status: { status: { name: STATUSES[i % STATUSES.length] as string } },
    Priority: { number: i % 10 },
    Due: { date: { start: day } },
    Done: { checkbox: i % 3 === 0 },
    Notes: { rich_text: [{ text: { content: `Note for task ${i}` } }] },
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-views-"));
  const args = ["bin/quire.js", "serve", "--port", "0", "--data", dataDir];
  if (databaseUrl) args.push("--database-url", databaseUrl);
  const quire = await startServer(process.execPath, args);
  const token = quire.output.map((l) => l.trim()).find((l) => l.startsWith("ntn_"));
  if (!token) throw new Error("no token printed (use an empty database)");
  const headers = {
    authorization: `Bearer ${token}`,
    "notion-version": "2025-09-03",
    "content-type": "application/json",
  };
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${quire.url}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown> & { id: string };
  };
  const timed = (path: string, method: string, body?: unknown) =>
    load({
      url: `${quire.url}${path}`,
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      connections: 1,
      seconds,
    });
  const cell = (r: { p50: number; p99: number; errors: number; non2xx: number }) =>
    `${r.p50} / ${r.p99} ms${r.errors + r.non2xx ? ` (${r.errors + r.non2xx} failed)` : ""}`;
  try {
    const database = await api("POST", "/v1/databases", {
      parent: { type: "workspace", workspace: true },
      title: [{ text: { content: "Tasks" } }],
      initial_data_source: {
        properties: {
          Name: { title: {} },
          Status: { status: { options: STATUSES.map((name) => ({ name })) } },
          Priority: { number: {} },
          Due: { date: {} },
          Done: { checkbox: {} },
          Notes: { rich_text: {} },
        },
      },
    });
    const sourceId = (database.data_sources as Array<{ id: string }>)[0]?.id as string;
    await seed(sourceId, TOTAL);

    const filter = {
      and: [
        { property: "Status", status: { equals: "Doing" } },
        { property: "Priority", number: { greater_than_or_equal_to: 5 } },
        { property: "Due", date: { on_or_after: "2026-03-01" } },
        { property: "Done", checkbox: { equals: false } },
      ],
    };
    const sorts = [{ property: "Due", direction: "descending" }];
    const view = await api("POST", "/v1/views", {
      data_source_id: sourceId,
      name: "Doing, urgent",
      type: "table",
      filter,
      sorts,
    });
    const queryBody = { filter, sorts, page_size: 100 };
    const firstQuery = await api("POST", `/v1/data_sources/${sourceId}/query`, queryBody);
    const firstView = await api("POST", `/v1/views/${view.id}/queries`, { page_size: 100 });
    const query1 = await timed(`/v1/data_sources/${sourceId}/query`, "POST", queryBody);
    const query2 = await timed(`/v1/data_sources/${sourceId}/query`, "POST", {
      ...queryBody,
      start_cursor: firstQuery.next_cursor,
    });
    const view1 = await timed(`/v1/views/${view.id}/queries`, "POST", { page_size: 100 });
    const cursor = encodeURIComponent(String(firstView.next_cursor));
    const view2 = await timed(
      `/v1/views/${view.id}/queries/${firstView.id}?page_size=100&start_cursor=${cursor}`,
      "GET",
    );

    // A board grouped by Status: each column's first 25 cards.
    const board: string[] = [];
    for (const status of STATUSES) {
      const columnFilter = { property: "Status", status: { equals: status } };
      const direct = await timed(`/v1/data_sources/${sourceId}/query`, "POST", {
        filter: columnFilter,
        page_size: 25,
      });
      const columnView = await api("POST", `/v1/views`, {
        data_source_id: sourceId,
        name: `Column ${status}`,
        type: "board",
        filter: columnFilter,
      });
      const viaView = await timed(`/v1/views/${columnView.id}/queries`, "POST", { page_size: 25 });
      board.push(`| column "${status}": first 25 cards | ${cell(direct)} | ${cell(viaView)} |`);
    }

    console.log(
      `\nViews bench on ${databaseUrl ? "PostgreSQL" : "SQLite"}: ${TOTAL} rows, Node ${process.version}\n`,
    );
    console.log(
      `4-condition filter + sort (the view matched ${String(firstView.total_count)} rows; a view query keeps up to 10,000)\n`,
    );
    console.log(`| measure (p50 / p99) | dataSources.query | view query |`);
    console.log(`|---|---|---|`);
    console.log(`| first page of 100 | ${cell(query1)} | ${cell(view1)} |`);
    console.log(`| next page by cursor | ${cell(query2)} | ${cell(view2)} |`);
    console.log(`\nBoard grouped by a status property (5 columns)\n`);
    console.log(
      `| measure (p50 / p99) | dataSources.query per column (web UI) | views.queries.create per column |`,
    );
    console.log(`|---|---|---|`);
    for (const line of board) console.log(line);
  } finally {
    await stop(quire);
    rmSync(dataDir, { recursive: true, force: true });
  }

  /** Rows go straight into storage, built with the same validation and stored form as the API's. */
  async function seed(sourceId: string, count: number): Promise<void> {
    const storage = openStore({ dataDir, url: databaseUrl });
    const source = await findDataSourceFields(storage.db, sourceId);
    if (!source) throw new Error("source missing");
    const schema: PropertySchema[] = source.schema;
    const keys = keysBetween(null, null, count);
    const owner = await storage.db
      .selectFrom("blocks")
      .select(["workspaceId", "createdBy"])
      .where("id", "=", sourceId)
      .executeTakeFirstOrThrow();
    for (let start = 0; start < count; start += 1000) {
      const batch: NewBlockRecord[] = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        const { values } = parseRowValues(schema, rowProperties(i), "body.properties", { creating: true });
        const now = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
        const row = blockRow(
          {
            id: crypto.randomUUID(),
            type: "child_page",
            parentType: "data_source_id",
            parentId: sourceId,
            sortKey: keys[i] as string,
            content: { title: `Task ${i}` },
          },
          { workspaceId: owner.workspaceId, userId: owner.createdBy },
          now,
        );
        batch.push({ ...row, properties: values, queryValues: queryValues(schema, values) });
      }
      await storage.transaction((trx) => insertBlocks(trx, batch));
    }
    await storage.close();
  }
}

await main();
