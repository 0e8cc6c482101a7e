import { Client, LogLevel } from "@notionhq/client";
import { afterEach, describe, expect, it } from "vitest";
import { type Served, databaseFlags, kill, quire, serve, tokenIn } from "./run-cli.ts";

const running: Served[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => kill(s)));
});

async function start(): Promise<{ flags: string[]; client: Client }> {
  const flags = await databaseFlags();
  const served = await serve(flags);
  running.push(served);
  const token = tokenIn(served.lines) ?? ((await quire(["token", ...flags])).at(-1) as string);
  return {
    flags,
    client: new Client({ auth: token, baseUrl: served.url, retry: false, logLevel: LogLevel.ERROR }),
  };
}

// Each command is a process of its own (start, connect, migrate): slow on a loaded machine, hence the
// longer timeout; nothing here measures time.
describe("quire template / quire emoji", { timeout: 90_000 }, () => {
  it("creates, lists, re-defaults and unmarks templates the API then serves", async () => {
    const { flags, client } = await start();
    const root = await client.pages.create({ parent: { workspace: true } });
    const database = await client.databases.create({
      parent: { type: "page_id", page_id: root.id },
      initial_data_source: { properties: { Task: { title: {} } } },
    });
    const sourceId = "data_sources" in database ? (database.data_sources[0]?.id ?? "") : "";

    const [first] = await quire([
      "template",
      "create",
      sourceId,
      "--name",
      "Weekly review",
      "--default",
      ...flags,
    ]);
    const [second] = await quire(["template", "create", sourceId, "--name", "Retro", ...flags]);
    expect((await client.dataSources.listTemplates({ data_source_id: sourceId })).templates).toEqual([
      { id: first, name: "Weekly review", is_default: true },
      { id: second, name: "Retro", is_default: false },
    ]);
    await quire(["template", "default", sourceId, second as string, ...flags]);
    expect(await quire(["template", "list", sourceId, ...flags])).toEqual([
      `${first}\tWeekly review`,
      `${second}\tRetro\t(default)`,
    ]);
    await quire(["template", "unmark", first as string, ...flags]);
    const rows = await client.dataSources.query({ data_source_id: sourceId });
    expect(rows.results.map((r) => r.id)).toEqual([first]);
  });

  it("adds and removes custom emojis", async () => {
    const { flags, client } = await start();
    const [emojiId] = await quire(["emoji", "add", "shipit", "https://example.com/shipit.png", ...flags]);
    expect((await client.customEmojis.list({})).results).toEqual([
      { id: emojiId, name: "shipit", url: "https://example.com/shipit.png" },
    ]);
    await quire(["emoji", "remove", "shipit", ...flags]);
    expect((await client.customEmojis.list({})).results).toEqual([]);
    await expect(quire(["emoji", "add", "bad name", "https://example.com/x.png", ...flags])).rejects.toThrow(
      /Custom emoji name/,
    );
  });
});
