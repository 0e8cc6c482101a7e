/**
 * How long `quire.reset()` and snapshot restores take, on an empty baseline and on the demo workspace
 * (about 35 blocks, two databases with rows, a relation, a rollup and a formula) plus some changes made
 * after the baseline, as a test would leave them. `npx tsx bench/reset.ts`; BENCH_DATABASE_URL selects
 * PostgreSQL (each instance in its own schema).
 */
import { DEMO_SEED, type Quire, startQuire } from "../src/testing/index.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const databaseUrl = process.env.BENCH_DATABASE_URL;

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms`;
}

/** What a test does between resets: a few writes. */
async function dirty(quire: Quire): Promise<void> {
  const notion = quire.client();
  const page = await notion.pages.create({ parent: { workspace: true } });
  await notion.blocks.children.append({
    block_id: page.id,
    children: [{ paragraph: { rich_text: [{ text: { content: "written by a test" } }] } }],
  });
}

async function measure(label: string, quire: Quire, work: () => Promise<void>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await dirty(quire);
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  console.log(`${label.padEnd(40)} ${summary(samples)}`);
}

console.log(`engine: ${databaseUrl ? "PostgreSQL" : "SQLite"}, ${ROUNDS} rounds each`);
const started = performance.now();
const empty = await startQuire({ databaseUrl });
console.log(`${"startQuire() without a seed".padEnd(40)} ${(performance.now() - started).toFixed(0)} ms`);
await measure("reset(), empty baseline", empty, () => empty.reset());
await empty.close();

const seededStart = performance.now();
const demo = await startQuire({ databaseUrl, seed: DEMO_SEED });
console.log(
  `${"startQuire({ seed: DEMO_SEED })".padEnd(40)} ${(performance.now() - seededStart).toFixed(0)} ms`,
);
await measure("reset(), demo workspace baseline", demo, () => demo.reset());
await demo.snapshot("bench");
await measure("restore(name), demo workspace", demo, () => demo.restore("bench"));
await demo.close();
