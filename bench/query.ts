import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseRowValues, queryValues } from "../src/domain/properties/index.ts";
import { blockRow } from "../src/services/blocks/block-rows.ts";
import type { PropertySchema } from "../src/domain/properties/types.ts";
import { keysBetween } from "../src/domain/sort-keys.ts";
import { insertBlocks, type NewBlockRecord } from "../src/storage/block-repo.ts";
import { findDataSourceFields } from "../src/storage/database-repo.ts";
import { openStore } from "../src/storage/store.ts";
import { load, startServer, stop } from "./processes.ts";

/**
 * `npm run bench:query`: a data source of 100,000 rows with 10 properties. Creates the first 10,000 rows
 * through the API (timed), seeds the rest straight into storage, then times a compound filter with a
 * sort (first page and the page after it), loaded by autocannon from a separate process. BENCH_DATABASE_URL selects PostgreSQL.
 */
const TOTAL = Number(process.env.BENCH_ROWS ?? 100_000);
const VIA_API = Math.min(TOTAL, Number(process.env.BENCH_API_ROWS ?? 10_000));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const databaseUrl = process.env.BENCH_DATABASE_URL;

const STATUSES = ["Backlog", "Todo", "Doing", "Review", "Done"];
const TAGS = ["red", "green", "blue", "amber", "violet", "teal"];

function rowProperties(i: number) {
  const day = new Date(Date.UTC(2026, 0, 1) + (i % 730) * 86_400_000).toISOString().slice(0, 10);
  return {
    Name: { title: [{ text: { content: `Task ${i}` } }] },
    Status: { select: { name: STATUSES[i % STATUSES.length] as string } },
    Priority: { number: i % 10 },
    Estimate: { number: (i * 7919) % 1000 },
    Due: { date: { start: day } },
    Done: { checkbox: i % 3 === 0 },
    Tags: {
      multi_select: [
        { name: TAGS[i % TAGS.length] as string },
        { name: TAGS[(i * 5) % TAGS.length] as string },
      ],
    },
    Notes: { rich_text: [{ text: { content: `Note for task ${i}` } }] },
    Link: { url: `https://example.com/tasks/${i}` },
    Category: { select: { name: `Area ${i % 20}` } },
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-query-"));
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
  try {
    const database = await api("POST", "/v1/databases", {
      parent: { type: "workspace", workspace: true },
      title: [{ text: { content: "Tasks" } }],
      initial_data_source: {
        properties: {
          Name: { title: {} },
          Status: { select: { options: STATUSES.map((name) => ({ name })) } },
          Priority: { number: {} },
          Estimate: { number: {} },
          Due: { date: {} },
          Done: { checkbox: {} },
          Tags: { multi_select: { options: TAGS.map((name) => ({ name })) } },
          Notes: { rich_text: {} },
          Link: { url: {} },
          Category: { select: {} },
        },
      },
    });
    const sourceId = (database.data_sources as Array<{ id: string }>)[0]?.id as string;

    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        for (let i = next++; i < VIA_API; i = next++) {
          await api("POST", "/v1/pages", {
            parent: { data_source_id: sourceId },
            properties: rowProperties(i),
          });
        }
      }),
    );
    const createSeconds = (performance.now() - started) / 1000;

    await seed(sourceId, VIA_API, TOTAL);

    const body = {
      filter: {
        and: [
          { property: "Status", select: { equals: "Doing" } },
          { property: "Priority", number: { greater_than_or_equal_to: 5 } },
          { property: "Due", date: { on_or_after: "2026-03-01" } },
          { property: "Done", checkbox: { equals: false } },
        ],
      },
      sorts: [{ property: "Due", direction: "descending" }],
      page_size: 100,
    };
    // Latency is measured by autocannon in its own process (one connection, so requests don't queue),
    // as the server sees it; this process only fetches the cursor for the second page.
    const url = `${quire.url}/v1/data_sources/${sourceId}/query`;
    const firstPage = await api("POST", `/v1/data_sources/${sourceId}/query`, body);
    const first = await load({
      url,
      method: "POST",
      headers,
      body: JSON.stringify(body),
      connections: 1,
      seconds,
    });
    const second = await load({
      url,
      method: "POST",
      headers,
      body: JSON.stringify({ ...body, start_cursor: firstPage.next_cursor }),
      connections: 1,
      seconds,
    });
    console.log(
      `\nQuery bench on ${databaseUrl ? "PostgreSQL" : "SQLite"}: ${TOTAL} rows, 10 properties, Node ${process.version}\n`,
    );
    console.log(`| measure | value |`);
    console.log(`|---|---|`);
    console.log(
      `| create ${VIA_API} rows through the API (10 concurrent) | ${createSeconds.toFixed(1)} s (${(VIA_API / createSeconds).toFixed(0)} rows/s) |`,
    );
    console.log(
      `| 4-condition filter + sort, first page of 100: p50 / p99 | ${first.p50} / ${first.p99} ms (${(firstPage.results as unknown[]).length} rows, ${first.errors + first.non2xx} failed) |`,
    );
    console.log(
      `| same, next page by cursor: p50 / p99 | ${second.p50} / ${second.p99} ms (${second.errors + second.non2xx} failed) |`,
    );
  } finally {
    await stop(quire);
    if (process.env.BENCH_KEEP) console.log(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }

  /** Rows past the API-created ones go straight into storage, built with the same domain code. */
  async function seed(sourceId: string, from: number, to: number): Promise<void> {
    const storage = openStore({ dataDir, url: databaseUrl });
    const source = await findDataSourceFields(storage.db, sourceId);
    if (!source) throw new Error("source missing");
    const schema: PropertySchema[] = source.schema;
    const last = await storage.db
      .selectFrom("blocks")
      .select("sortKey")
      .where("parentId", "=", sourceId)
      .orderBy("sortKey", "desc")
      .limit(1)
      .executeTakeFirst();
    const keys = keysBetween(last?.sortKey ?? null, null, to - from);
    const workspace = await storage.db
      .selectFrom("blocks")
      .select(["workspaceId", "createdBy"])
      .where("id", "=", sourceId)
      .executeTakeFirstOrThrow();
    for (let start = from; start < to; start += 1000) {
      const rows: NewBlockRecord[] = [];
      for (let i = start; i < Math.min(to, start + 1000); i++) {
        // The same validation and stored form as the API's (every option exists after the API rows).
        const { values } = parseRowValues(schema, rowProperties(i), "body.properties", { creating: true });
        const now = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
        const row = blockRow(
          {
            id: crypto.randomUUID(),
            type: "child_page",
            parentType: "data_source_id",
            parentId: sourceId,
            sortKey: keys[i - from] as string,
            content: { title: `Task ${i}` },
          },
          { workspaceId: workspace.workspaceId, userId: workspace.createdBy },
          now,
        );
        rows.push({ ...row, properties: values, queryValues: queryValues(schema, values) });
      }
      await storage.transaction((trx) => insertBlocks(trx, rows));
    }
    await storage.close();
  }
}

await main();
