import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testDialect } from "../support/test-database.ts";
import { client, databaseFlags, kill, quire, start, tokenIn } from "./run-cli.ts";
import { type Acknowledged, childrenOf, runWriters, serverErrors } from "./write-load.ts";

const postgres = testDialect() === "postgres";
// Issue 24 asks for 20 s of load on SQLite, issue 20 (item 4) for 30 s on PostgreSQL.
const LOAD_MS = postgres ? 30_000 : 20_000;
const WRITERS = 8;

/** A seed big enough to run for a while: a page with a database of rows, each its own transaction. */
function seedFile(): string {
  const rows = Array.from(
    { length: 40 },
    (_, i) => `          - { properties: { Name: Row ${i}, Score: ${i} } }`,
  );
  const text = [
    "pages:",
    "  - key: seeded",
    "    title: Seeded beside two servers",
    "    databases:",
    "      - key: table",
    "        title: Seeded table",
    "        properties: { Name: title, Score: number }",
    "        rows:",
    ...rows,
    "",
  ].join("\n");
  const file = join(mkdtempSync(join(tmpdir(), "quire-shared-seed-")), "seed.yaml");
  writeFileSync(file, text);
  return file;
}

function counts<T>(values: T[]): Map<T, number> {
  const seen = new Map<T, number>();
  for (const value of values) seen.set(value, (seen.get(value) ?? 0) + 1);
  return seen;
}

describe("two Quire processes on one database", () => {
  it(
    "serve eight writers under one parent without a 5xx, keep each acknowledged write once, and let CLI commands run beside them",
    async () => {
      const flags = await databaseFlags();
      const first = await start([...flags, "--no-demo"]);
      // A second server on one SQLite directory must be asked for (see the lock tests below).
      const second = await start([...flags, "--no-demo", ...(postgres ? [] : ["--allow-shared-data"])]);
      const token = tokenIn(first.lines) as string;
      const clients = [client(first.url, token), client(second.url, token)];
      const [one, two] = clients as [ReturnType<typeof client>, ReturnType<typeof client>];
      const parent = await one.pages.create({
        parent: { workspace: true },
        properties: { title: { title: [{ text: { content: "Shared parent" } }] } },
      });

      const load = runWriters({ clients, parentId: parent.id, writers: WRITERS, durationMs: LOAD_MS });
      // The CLI's commands open the same database while both servers write to it.
      const commands = (async () => {
        const minted = (await quire(["token", ...flags])).at(-1) as string;
        const bot = (await quire(["integration", "create", "--name", "Load bot", ...flags])).at(-1) as string;
        await quire(["share", "Load bot", parent.id, ...flags]);
        const seeded = await quire(["seed", seedFile(), ...flags]);
        const seededId = /^ {2}seeded: (\S+)$/.exec(seeded.find((l) => l.includes("seeded:")) ?? "")?.[1];
        return { minted, bot, seededId };
      })();
      const [report, cli] = await Promise.all([load, commands]);

      const total = Object.values(report.statuses).reduce((sum, n) => sum + n, 0);
      console.log(
        `${testDialect()}: two processes, ${WRITERS} writers, ${report.elapsedMs} ms: ${JSON.stringify(report.statuses)}, ` +
          `${((1000 * (report.statuses["200"] ?? 0)) / report.elapsedMs).toFixed(1)} acknowledged writes/s`,
      );
      expect(serverErrors(report), report.samples.join("\n")).toEqual({});
      // Anything refused is refused as Notion refuses contention: 409, nothing saved.
      expect(Object.keys(report.statuses).filter((s) => s !== "200" && s !== "409")).toEqual([]);
      expect(report.statuses["200"] ?? 0).toBeGreaterThan(0);
      expect(total).toBe(report.acknowledged.length + (report.statuses["409"] ?? 0));

      // Every acknowledged child is there with its own text, once; nothing else is (a refused write left nothing).
      const children = await childrenOf(two, parent.id);
      const created = report.acknowledged.filter((a) => a.kind !== "update_parent");
      const missing = created.filter((a) => children.get(a.id) !== a.marker).map((a) => a.marker);
      const copies = counts([...children.values()]);
      const duplicated = [...copies].filter(([, n]) => n > 1).map(([marker]) => marker);
      const ids = new Set(created.map((a: Acknowledged) => a.id));
      const extra = [...children.keys()].filter((id) => !ids.has(id));
      expect({ missing, duplicated, extra }).toEqual({ missing: [], duplicated: [], extra: [] });
      const titles = report.acknowledged.filter((a) => a.kind === "update_parent").map((a) => a.marker);
      if (titles.length > 0) {
        const now = await two.pages.retrieve({ page_id: parent.id });
        const title = "properties" in now ? now.properties["title"] : undefined;
        const text = title?.type === "title" ? title.title.map((t) => t.plain_text).join("") : "";
        expect(titles).toContain(text);
      }

      // What the CLI made works through both servers.
      expect((await client(second.url, cli.minted).users.me({})).type).toBe("person");
      expect((await client(first.url, cli.bot).pages.retrieve({ page_id: parent.id })).id).toBe(parent.id);
      expect((await two.pages.retrieve({ page_id: cli.seededId as string })).id).toBe(cli.seededId);
    },
    LOAD_MS + 180_000,
  );

  it.skipIf(postgres)(
    "refuse a second server on one SQLite directory, naming the first, until it stops or --allow-shared-data is given",
    async () => {
      const flags = await databaseFlags();
      const first = await start([...flags, "--no-demo"]);
      const refused = await start([...flags, "--no-demo"]).then(
        () => "started",
        (error: unknown) => String(error),
      );
      expect(refused).toContain(`Another Quire server is serving`);
      expect(refused).toContain(`pid ${String(first.child.pid)} on ${first.url}`);
      expect(refused).toContain("--allow-shared-data");
      // The claim goes with the process that held it.
      await kill(first);
      const next = await start([...flags, "--no-demo"]);
      const token = (await quire(["token", ...flags])).at(-1) as string;
      expect((await client(next.url, token).users.me({})).type).toBe("person");
    },
    120_000,
  );
});
