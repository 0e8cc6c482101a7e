import { APIErrorCode } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { client, codeOf, databaseFlags, kill, quire, start, tokenIn } from "./run-cli.ts";

describe("quire CLI", () => {
  it("serves on a free port, answers /healthz, and prints a working token and snippet", async () => {
    const served = await start(await databaseFlags());
    expect(await (await fetch(`${served.url}/healthz`)).json()).toEqual({ ok: true });
    const token = tokenIn(served.lines);
    expect(token).toBeDefined();
    expect(served.lines.join("\n")).toContain(`baseUrl: "${served.url}"`);
    const me = await client(served.url, token as string).users.me({});
    expect(me.type).toBe("person");
  });

  it("mints a personal access token while a server runs on the same database", async () => {
    const flags = await databaseFlags();
    const served = await start(flags);
    const lines = await quire(["token", ...flags]);
    const token = lines.at(-1) as string;
    expect(token).toMatch(/^ntn_[A-Za-z0-9]{46}$/);
    const page = await client(served.url, token).pages.create({
      parent: { workspace: true },
      properties: { title: { title: [{ text: { content: "From a CLI token" } }] } },
    });
    expect(page.object).toBe("page");
  });

  it("creates an internal integration that sees only what is shared with it", async () => {
    const flags = await databaseFlags();
    const served = await start(flags);
    const owner = client(served.url, tokenIn(served.lines) ?? (await quire(["token", ...flags])).at(-1)!);
    const page = await owner.pages.create({ parent: { workspace: true } });
    const botToken = (
      await quire(["integration", "create", "--name", "CLI Bot", "--capabilities", "read", ...flags])
    ).at(-1) as string;
    const bot = client(served.url, botToken);
    expect(await codeOf(bot.pages.retrieve({ page_id: page.id }))).toBe(APIErrorCode.ObjectNotFound);
    await quire(["share", "CLI Bot", page.id, ...flags]);
    expect((await bot.pages.retrieve({ page_id: page.id })).id).toBe(page.id);
    // Only `read` was granted.
    expect(await codeOf(bot.pages.update({ page_id: page.id, in_trash: true }))).toBe(
      APIErrorCode.RestrictedResource,
    );
  });

  it("keeps an acknowledged write after the server is killed with SIGKILL", async () => {
    const flags = await databaseFlags();
    const first = await start(flags);
    const token = tokenIn(first.lines) ?? ((await quire(["token", ...flags])).at(-1) as string);
    const page = await client(first.url, token).pages.create({
      parent: { workspace: true },
      properties: { title: { title: [{ text: { content: "Survives kill -9" } }] } },
      children: [{ paragraph: { rich_text: [{ text: { content: "acknowledged" } }] } }],
    });
    await kill(first, "SIGKILL");
    const second = await start(flags);
    const again = client(second.url, token);
    const read = await again.pages.retrieve({ page_id: page.id });
    expect(read.id).toBe(page.id);
    const children = await again.blocks.children.list({ block_id: page.id });
    expect(children.results.map((b) => ("type" in b ? b.type : ""))).toEqual(["paragraph"]);
  });
});
