import { execFile } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Client } from "@notionhq/client";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testDialect } from "../support/test-database.ts";
import { client, databaseFlags, kill, quire, start, tokenIn } from "./run-cli.ts";
import { childrenOf } from "./write-load.ts";

const postgres = testDialect() === "postgres";
const run = promisify(execFile);
const BIN = new URL("../../bin/quire.js", import.meta.url).pathname;
const PG_BIN = "/usr/lib/postgresql/15/bin";

/** What a failing `quire` command prints on stderr (it must fail). */
async function refusal(args: string[]): Promise<string> {
  try {
    await run(process.execPath, [BIN, ...args], { timeout: 30_000 });
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error(`quire ${args.join(" ")} succeeded`);
}

const title = (content: string) => ({ title: { title: [{ text: { content } }] } });

async function servedWorkspace(flags: string[]) {
  const served = await start([...flags, "--no-demo"]);
  const token = tokenIn(served.lines) ?? ((await quire(["token", ...flags])).at(-1) as string);
  const notion = client(served.url, token);
  const parent = await notion.pages.create({ parent: { workspace: true }, properties: title("Backed up") });
  return { served, token, notion, parentId: parent.id };
}

/** Creates child pages from four writers until stopped; the ids of those the server acknowledged. */
function writeUnder(notion: Client, parentId: string) {
  const acknowledged: string[] = [];
  let writing = true;
  const writers = Array.from({ length: 4 }, async (_, w) => {
    for (let n = 0; writing; n++) {
      const page = await notion.pages.create({
        parent: { page_id: parentId },
        properties: title(`w${w}-${n}`),
      });
      acknowledged.push(page.id);
    }
  });
  // A writer's failure ends the writing at once (so a failed test leaves no loop behind) and fails stop().
  const settled = Promise.all(writers).finally(() => (writing = false));
  settled.catch(() => undefined);
  return {
    acknowledged,
    stop: async () => {
      writing = false;
      await settled;
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

describe.runIf(!postgres)("quire backup and quire restore on SQLite", () => {
  it(
    "restores a backup taken under write load: every write acknowledged before it began, and the files' bytes",
    { timeout: 90_000 },
    async () => {
      const flags = await databaseFlags();
      const { served, token, notion, parentId } = await servedWorkspace(flags);
      const upload = await notion.fileUploads.create({ filename: "notes.txt", content_type: "text/plain" });
      await notion.fileUploads.send({
        file_upload_id: upload.id,
        file: { filename: "notes.txt", data: new Blob(["bytes the backup keeps"], { type: "text/plain" }) },
      });
      const [fileBlock] = (
        await notion.blocks.children.append({
          block_id: parentId,
          children: [{ file: { type: "file_upload", file_upload: { id: upload.id } } }],
        })
      ).results;

      const load = writeUnder(notion, parentId);
      await until(() => load.acknowledged.length >= 20);
      const beforeBackup = [...load.acknowledged];
      const backupFile = join(flags[1] as string, "..", `backup-${Date.now()}.quire`);
      const said = await quire(["backup", "--out", backupFile, ...flags]);
      await load.stop();
      await kill(served);
      expect(said.join("\n")).toMatch(/^Backed up .* \(\d+ bytes, 1 files\), as of /);
      expect(load.acknowledged.length).toBeGreaterThan(beforeBackup.length);

      const restoredFlags = await databaseFlags();
      expect((await quire(["restore", backupFile, ...restoredFlags])).join("\n")).toMatch(
        /^Restored .* 1 files\)/,
      );
      const again = await start([...restoredFlags, "--no-demo"]);
      const restored = client(again.url, token);
      const children = await childrenOf(restored, parentId);
      for (const id of beforeBackup)
        expect(children.has(id), `page ${id} acknowledged before the backup`).toBe(true);
      // Nothing but what the server acknowledged (plus the file block), and no half-written row.
      const known = new Set([...load.acknowledged, fileBlock?.id]);
      expect([...children.keys()].filter((id) => !known.has(id))).toEqual([]);

      const block = await restored.blocks.retrieve({ block_id: fileBlock?.id ?? "" });
      const url = "file" in block && block.file.type === "file" ? block.file.file.url : "";
      expect(await (await fetch(url)).text()).toBe("bytes the backup keeps");
    },
  );

  it(
    "refuses to restore over a running server, over a workspace without --force, or from a file that is no backup",
    { timeout: 90_000 },
    async () => {
      const flags = await databaseFlags();
      const { served, token, notion, parentId } = await servedWorkspace(flags);
      const dataDir = flags[1] as string;
      const backupFile = join(dataDir, "..", `refusals-${Date.now()}.quire`);
      await quire(["backup", "--out", backupFile, ...flags]);
      await notion.pages.update({ page_id: parentId, properties: title("Changed after the backup") });

      expect(await refusal(["restore", backupFile, ...flags])).toMatch(
        /A Quire server is serving .* \(pid \d+ on http:\/\/127\.0\.0\.1:\d+\)\. Stop it, then restore\./,
      );
      await kill(served);
      expect(await refusal(["restore", backupFile, ...flags])).toMatch(
        /already holds a workspace\. Pass --force/,
      );
      const notBackup = join(dataDir, "..", `not-a-backup-${Date.now()}.txt`);
      writeFileSync(notBackup, "hello");
      expect(await refusal(["restore", notBackup, ...flags, "--force"])).toMatch(/cannot be restored: .*not/);

      // Nothing was replaced by the refusals: the change made after the backup is still there.
      let second = await start([...flags, "--no-demo"]);
      const page = await client(second.url, token).pages.retrieve({ page_id: parentId });
      expect(JSON.stringify(page)).toContain("Changed after the backup");
      await kill(second);

      const forced = await quire(["restore", backupFile, ...flags, "--force"]);
      expect(forced.join("\n")).toMatch(/The database it replaced is kept as .*quire\.db\.before-restore-/);
      expect(readdirSync(dataDir).some((name) => name.startsWith("quire.db.before-restore-"))).toBe(true);
      second = await start([...flags, "--no-demo"]);
      const back = await client(second.url, token).pages.retrieve({ page_id: parentId });
      expect(JSON.stringify(back)).toContain("Backed up");
    },
  );
});

describe.runIf(postgres)("backups on PostgreSQL", () => {
  it(
    "quire backup points to pg_dump, and the documented pg_dump / pg_restore procedure brings the workspace back",
    { timeout: 90_000 },
    async () => {
      const flags = await databaseFlags();
      expect(await refusal(["backup", "--out", "/tmp/never.quire", ...flags])).toMatch(
        /pg_dump .*docs\/backups\.md/,
      );
      expect(existsSync(join(PG_BIN, "pg_dump"))).toBe(true);

      const { served, token, notion, parentId } = await servedWorkspace(flags);
      const load = writeUnder(notion, parentId);
      await until(() => load.acknowledged.length >= 20);
      const beforeBackup = [...load.acknowledged];
      // The tests' databases share one PostgreSQL database, a schema each (named by the URL's search_path).
      const url = new URL(flags[3] as string);
      const schema = /search_path=(\w+)/.exec(url.searchParams.get("options") ?? "")?.[1] as string;
      url.search = "";
      const dumpFile = join(flags[1] as string, "quire.pgdump");
      await run(join(PG_BIN, "pg_dump"), [
        "--format=custom",
        `--schema=${schema}`,
        "--file",
        dumpFile,
        url.toString(),
      ]);
      await load.stop();
      await kill(served);

      const admin = new pg.Client({ connectionString: url.toString() });
      await admin.connect();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
      await run(join(PG_BIN, "pg_restore"), ["--no-owner", "--dbname", url.toString(), dumpFile]);

      const again = await start([...flags, "--no-demo"]);
      const children = await childrenOf(client(again.url, token), parentId);
      for (const id of beforeBackup)
        expect(children.has(id), `page ${id} acknowledged before pg_dump`).toBe(true);
    },
  );
});
