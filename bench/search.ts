import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { newId } from "../src/domain/ids.ts";
import { keysBetween } from "../src/domain/sort-keys.ts";
import { blockRow } from "../src/services/blocks/block-rows.ts";
import type { ServiceContext } from "../src/services/context.ts";
import { search } from "../src/services/search/search-service.ts";
import { parseSearchRequest } from "../src/routes/search/schema.ts";
import type { Viewer } from "../src/services/access/viewer.ts";
import { createWorkspace } from "../src/services/identity/workspace-service.ts";
import { type NewBlockRecord, insertBlocks } from "../src/storage/block-repo.ts";
import { type Store, migrate, openStore } from "../src/storage/store.ts";

/**
 * `npm run bench:search`: 100,000 pages (100 top-level pages of 1,000 children each, titles of three
 * to five words from a skewed vocabulary, 5 % in Chinese) seeded straight into storage, then the latency
 * of `search()` as the route calls it (candidates, reach check, loading and shaping nothing but records)
 * for a mix of queries. BENCH_DATABASE_URL runs it on a scratch PostgreSQL database as well.
 */
const TOTAL = Number(process.env.BENCH_PAGES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TOP = 100;

const SYLLABLES = ["ka", "lo", "mi", "ner", "tas", "po", "ri", "den", "sul", "va", "gor", "in", "bel", "tro"];
/** 3,000 distinct words of three or four syllables ("kalomi", "nertaspo", …). */
const WORDS = Array.from({ length: 3000 }, (_, i) => {
  let word = "";
  for (let n = i + 200; n > 0; n = Math.floor(n / SYLLABLES.length)) word += SYLLABLES[n % SYLLABLES.length];
  return word;
});
const HAN = "项目计划会议记录产品设计市场报告团队目标季度总结客户需求开发测试文档".split("");

/** Deterministic pseudo-random numbers, so every run seeds the same workspace. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function titleFor(next: () => number): string {
  if (next() < 0.05) return Array.from({ length: 6 }, () => HAN[Math.floor(next() * HAN.length)]).join("");
  const count = 3 + Math.floor(next() * 3);
  // Squaring skews the choice toward the first words, as real titles reuse common words.
  return Array.from({ length: count }, () => WORDS[Math.floor(next() ** 2 * WORDS.length)]).join(" ");
}

async function seed(store: Store, viewer: Viewer): Promise<number> {
  const next = random(42);
  const started = performance.now();
  const start = Date.UTC(2025, 0, 1);
  const topKeys = keysBetween(null, null, TOP);
  const perTop = Math.ceil((TOTAL - TOP) / TOP);
  const childKeys = keysBetween(null, null, perTop);
  let made = 0;
  for (let t = 0; t < TOP; t++) {
    const rows: NewBlockRecord[] = [];
    const topId = newId();
    const at = (i: number) => new Date(start + i * 60_000).toISOString();
    rows.push({
      ...blockRow(
        {
          id: topId,
          type: "child_page",
          parentType: "workspace",
          parentId: null,
          sortKey: topKeys[t] ?? "",
          content: { title: titleFor(next) },
        },
        viewer,
        at(made),
      ),
    });
    made++;
    for (let c = 0; c < perTop && made < TOTAL; c++, made++) {
      const content = { title: titleFor(next) };
      rows.push(
        blockRow(
          {
            id: newId(),
            type: "child_page",
            parentType: "page_id",
            parentId: topId,
            sortKey: childKeys[c] ?? "",
            content,
          },
          viewer,
          at(made),
        ),
      );
    }
    await store.transaction((trx) => insertBlocks(trx, rows));
  }
  return (performance.now() - started) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function measure(ctx: ServiceContext, viewer: Viewer, body: Record<string, unknown>, pageSize: number) {
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const request = { ...parseSearchRequest(body, "2025-09-03"), page: { pageSize }, content: false };
    const result = await search(ctx, viewer, request, "2025-09-03");
    times.push(performance.now() - started);
    count = result.results.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), count };
}

async function scratchPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `quire_bench_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    },
  };
}

async function run(label: string, options: { dataDir: string; url?: string }): Promise<void> {
  const store = openStore(options);
  try {
    await migrate(store);
    const ctx: ServiceContext = { store, clock: () => new Date(), publicUrl: "http://localhost" };
    const { workspace, owner } = await createWorkspace(ctx, {
      name: "Bench",
      ownerName: "Owner",
      ownerEmail: "o@example.com",
    });
    const viewer: Viewer = {
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      userId: owner.id,
      integration: null,
    };
    const seconds = await seed(store, viewer);
    if (store.dialect === "postgres")
      await store.db.executeQuery({ sql: "analyze", parameters: [], query: { kind: "RawNode" } } as never);
    const common = WORDS[1] ?? "";
    const medium = WORDS[400] ?? "";
    const rare = WORDS[2900] ?? "";
    const cases: Array<[string, Record<string, unknown>, number]> = [
      [`rare word "${rare}"`, { query: rare }, 20],
      [`medium word "${medium}"`, { query: medium }, 20],
      [`common word "${common}"`, { query: common }, 20],
      [`prefix "${medium.slice(0, 3)}"`, { query: medium.slice(0, 3) }, 20],
      [`two words "${common} ${medium}"`, { query: `${common} ${medium}` }, 20],
      [`Chinese, one frequent character "项"`, { query: "项" }, 20],
      [`Chinese, rare two characters "项目"`, { query: "项目" }, 20],
      [`Chinese, three characters "计划书"`, { query: "计划书" }, 20],
      [`medium word by relevance`, { query: medium, sort: { property: "relevance" } }, 20],
      [`no query (recent first)`, {}, 20],
      [`medium word, page of 100`, { query: medium }, 100],
    ];
    console.log(
      `\nSearch bench on ${label}: ${TOTAL} pages seeded in ${seconds.toFixed(1)} s, ${RUNS} runs each, Node ${process.version}\n`,
    );
    console.log("| query | results | p50 | p99 |");
    console.log("|---|---|---|---|");
    for (const [name, body, pageSize] of cases) {
      const { p50, p99, count } = await measure(ctx, viewer, body, pageSize);
      console.log(
        `| ${name} (page_size ${pageSize}) | ${count} | ${p50.toFixed(2)} ms | ${p99.toFixed(2)} ms |`,
      );
    }
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-search-"));
  try {
    if (!process.env.BENCH_SKIP_SQLITE) await run("SQLite", { dataDir });
    const url = process.env.BENCH_DATABASE_URL;
    if (url) {
      const scratch = await scratchPostgres(url);
      try {
        await run("PostgreSQL", { dataDir, url: scratch.url });
      } finally {
        await scratch.drop();
      }
    }
  } finally {
    if (process.env.BENCH_KEEP) console.log(`kept ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
