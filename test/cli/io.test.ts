import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client, LogLevel } from "@notionhq/client";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type Served, databaseFlags, kill, quire, serve, tokenIn } from "./run-cli.ts";

const running: Served[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => kill(s)));
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const BIN = new URL("../../bin/quire.js", import.meta.url).pathname;

/** A server on an empty workspace: the demo content would otherwise be exported too. */
async function start(flags: string[]): Promise<Client> {
  const served = await serve([...flags, "--no-demo"]);
  running.push(served);
  const token = tokenIn(served.lines) ?? ((await quire(["token", ...flags])).at(-1) as string);
  return new Client({ auth: token, baseUrl: served.url, retry: false, logLevel: LogLevel.ERROR });
}

// Each command is a process of its own: slow on a loaded machine, hence the timeout; nothing is timed.
describe("quire export / quire import", { timeout: 120_000 }, () => {
  it("exports one workspace and imports it into another under a page", async () => {
    const from = await databaseFlags();
    const client = await start(from);
    const root = await client.pages.create({
      parent: { workspace: true },
      properties: { title: { title: [{ text: { content: "Notes" } }] } },
      markdown: "Hello **there**",
    });
    await kill(running.pop() as Served);
    const dir = await mkdtemp(join(tmpdir(), "quire-cli-io-"));
    dirs.push(dir);
    const exported = await quire(["export", dir, ...from]);
    expect(exported.at(-1)).toMatch(/^Exported 1 pages and 0 databases to .* \(2 files, [\d.]+ s\)\.$/);
    expect((await readdir(dir)).sort()).toEqual([`Notes ${root.id.replace(/-/g, "")}.md`, "quire.json"]);

    const to = await databaseFlags();
    const client2 = await start(to);
    const home = await client2.pages.create({ parent: { workspace: true }, properties: {} });
    await kill(running.pop() as Served);
    const imported = await quire(["import", dir, "--parent", home.id, ...to]);
    expect(imported.at(-1)).toBe(`Imported 1 pages, 0 databases and 0 rows from ${dir}.`);
    const again = await start(to);
    const { results } = await again.blocks.children.list({ block_id: home.id });
    const child = results[0];
    expect(child && "type" in child && child.type === "child_page" && child.child_page.title).toBe("Notes");
    expect((await again.pages.retrieveMarkdown({ page_id: child?.id as string })).markdown).toBe(
      "Hello **there**",
    );
  });

  it("fails with a message naming the input", async () => {
    const flags = await databaseFlags();
    const missing = join(tmpdir(), "quire-no-such-export");
    const failure = await promisify(execFile)(process.execPath, [BIN, "import", missing, ...flags]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim()).toBe(`${missing} does not exist.`);
  });
});
