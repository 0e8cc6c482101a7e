import { randomInt } from "node:crypto";
import { join } from "node:path";
import { type Client, isNotionClientError } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { openSqliteFile } from "../../src/storage/drivers.ts";
import { testDialect } from "../support/test-database.ts";
import { client, databaseFlags, kill, quire, start, tokenIn } from "./run-cli.ts";
import { childrenOf } from "./write-load.ts";

/**
 * Issue 18 ("nothing acknowledged is lost"): writers of every kind against a real server, `kill -9` at
 * a random moment, a restart on the same data. Every write that got a 2xx must be there, once.
 */
const postgres = testDialect() === "postgres";
const ROUNDS = 3;
const WRITERS = 6;

type Kind = "append" | "page" | "row" | "comment" | "upload";
const KINDS: Kind[] = ["append", "page", "row", "comment", "upload"];

interface Target {
  parentId: string;
  dataSourceId: string;
}

const text = (content: string) => [{ type: "text" as const, text: { content } }];

async function write(notion: Client, target: Target, kind: Kind, marker: string): Promise<void> {
  switch (kind) {
    case "append":
      await notion.blocks.children.append({
        block_id: target.parentId,
        children: [{ paragraph: { rich_text: text(marker) } }],
      });
      return;
    case "page":
      await notion.pages.create({
        parent: { page_id: target.parentId },
        properties: { title: { title: text(marker) } },
      });
      return;
    case "row":
      await notion.pages.create({
        parent: { type: "data_source_id", data_source_id: target.dataSourceId },
        properties: { Name: { title: text(marker) } },
      });
      return;
    case "comment":
      await notion.comments.create({ parent: { page_id: target.parentId }, rich_text: text(marker) });
      return;
    case "upload": {
      const { id } = await notion.fileUploads.create({
        filename: `${marker}.txt`,
        content_type: "text/plain",
      });
      await notion.fileUploads.send({
        file_upload_id: id,
        file: { filename: `${marker}.txt`, data: new Blob([marker], { type: "text/plain" }) },
      });
      await notion.blocks.children.append({
        block_id: target.parentId,
        children: [{ file: { type: "file_upload", file_upload: { id }, name: marker } }],
      });
      return;
    }
  }
}

/** Writes until the server goes away; the markers of writes it acknowledged, and any other answer. */
async function writeUntilGone(notion: Client, target: Target, round: number) {
  const acknowledged: { kind: Kind; marker: string }[] = [];
  const refused: string[] = [];
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let n = 0; ; n++) {
        const kind = KINDS[(w + n) % KINDS.length] as Kind;
        const marker = `r${round}-w${w}-n${n}-${kind}`;
        try {
          await write(notion, target, kind, marker);
          acknowledged.push({ kind, marker });
        } catch (error) {
          // A killed server answers nothing: the write may or may not have committed, and is not counted.
          if (!isNotionClientError(error)) return;
          refused.push(`${marker}: ${error.code} ${error.message}`);
        }
      }
    }),
  );
  return { acknowledged, refused };
}

/** Every marker the workspace holds under the target, by kind, with how many times each is there. */
async function stored(notion: Client, target: Target): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const add = (marker: string) => found.set(marker, (found.get(marker) ?? 0) + 1);
  for (const marker of (await childrenOf(notion, target.parentId)).values()) if (marker) add(marker);
  let cursor: string | null = null;
  do {
    const page = await notion.blocks.children.list({
      block_id: target.parentId,
      page_size: 100,
      ...(cursor ? { start_cursor: cursor } : {}),
    });
    for (const block of page.results)
      if ("type" in block && block.type === "file") {
        add(block.file.name);
        // The file's bytes are intact too.
        const url = block.file.type === "file" ? block.file.file.url : "";
        const body = await (await fetch(url)).text();
        if (body !== block.file.name) add(`bytes of ${block.file.name} differ: ${body.slice(0, 40)}`);
      }
    cursor = page.next_cursor;
  } while (cursor);
  let rows: string | null = null;
  do {
    const page = await notion.dataSources.query({
      data_source_id: target.dataSourceId,
      page_size: 100,
      ...(rows ? { start_cursor: rows } : {}),
    });
    for (const row of page.results)
      if ("properties" in row) {
        const name = row.properties["Name"];
        if (name?.type === "title") add(name.title.map((t) => t.plain_text).join(""));
      }
    rows = page.next_cursor;
  } while (rows);
  let comments: string | null = null;
  do {
    const page = await notion.comments.list({
      block_id: target.parentId,
      page_size: 100,
      ...(comments ? { start_cursor: comments } : {}),
    });
    for (const comment of page.results) add(comment.rich_text.map((t) => t.plain_text).join(""));
    comments = page.next_cursor;
  } while (comments);
  return found;
}

describe("kill -9 under concurrent writers", () => {
  it(
    `keeps every acknowledged page, append, row, comment and upload, once, over ${ROUNDS} crashes`,
    { timeout: 240_000 },
    async () => {
      const flags = await databaseFlags();
      let served = await start([...flags, "--no-demo"]);
      const token = tokenIn(served.lines) ?? ((await quire(["token", ...flags])).at(-1) as string);
      let notion = client(served.url, token);
      const parent = await notion.pages.create({
        parent: { workspace: true },
        properties: { title: { title: text("Crash") } },
      });
      const database = await notion.databases.create({
        parent: { type: "page_id", page_id: parent.id },
        title: text("Crash rows"),
        initial_data_source: { properties: { Name: { title: {} } } },
      });
      const dataSourceId = ("data_sources" in database ? database.data_sources[0]?.id : undefined) as string;
      const target = { parentId: parent.id, dataSourceId };

      const acknowledged: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const writing = writeUntilGone(notion, target, round);
        // Somewhere in the writes: late enough for many to have been acknowledged, at no fixed point.
        await new Promise((r) => setTimeout(r, 600 + randomInt(1500)));
        await kill(served, "SIGKILL");
        const { acknowledged: acked, refused } = await writing;
        expect(refused, "a write refused while the server ran").toEqual([]);
        acknowledged.push(...acked.map((a) => a.marker));

        if (!postgres) {
          // The database opens cleanly after the crash, before any server touches it.
          const dataDir = flags[flags.indexOf("--data") + 1] as string;
          const db = openSqliteFile(join(dataDir, "quire.db"), {});
          expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
          db.close();
        }
        served = await start([...flags, "--no-demo"]);
        notion = client(served.url, token);
      }

      const found = await stored(notion, target);
      const missing = acknowledged.filter((marker) => !found.has(marker));
      const twice = [...found].filter(([, n]) => n > 1).map(([marker]) => marker);
      const damaged = [...found.keys()].filter((marker) => marker.startsWith("bytes of"));
      console.log(
        `${testDialect()}: ${ROUNDS} kill -9 rounds, ${acknowledged.length} writes acknowledged, ` +
          `${found.size} found (the rest were cut off unanswered), ${missing.length} missing`,
      );
      expect(acknowledged.length).toBeGreaterThan(ROUNDS * KINDS.length);
      expect({ missing, twice, damaged }).toEqual({ missing: [], twice: [], damaged: [] });
    },
  );
});
