import { randomUUID } from "node:crypto";
import { APIErrorCode, type Client, isNotionClientError } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FREE_PLAN_BLOCK_LIMIT } from "../../../src/services/access/block-limit.ts";
import { addPerson } from "../../../src/services/identity/account-service.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";

/** `quire serve --block-limit`: the Free plan's workspace block limit (reference/workspace-block-limits). */
const DAY_MS = 24 * 60 * 60 * 1000;
let offsetMs = 0;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    clock: () => new Date(Date.now() + offsetMs),
    app: () => ({ blockLimit: FREE_PLAN_BLOCK_LIMIT }),
  });
});
afterAll(async () => {
  await server.close();
});

const text = (content: string) => [{ type: "text" as const, text: { content } }];
const paragraphs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ paragraph: { rich_text: text(`P${i}`) } }));

async function codeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (isNotionClientError(error)) return error.code;
    throw error;
  }
}

/** A workspace with a page, `extraMembers` more members and `guests` guests. */
async function workspaceWith(extraMembers: number, guests = 0) {
  const ws = await server.workspace();
  for (let i = 0; i < extraMembers + guests; i++)
    await addPerson(server.ctx, {
      email: `block-limit-${randomUUID()}@example.com`,
      password: "a long enough password",
      workspaceId: ws.id,
      role: i < extraMembers ? "member" : "guest",
    });
  const owner = ws.client();
  const page = await owner.pages.create({
    parent: { workspace: true },
    properties: { title: { title: text("Limited") } },
  });
  return { ws, owner, pageId: page.id };
}

/** Appends `count` paragraphs in requests of 100. */
async function fill(notion: Client, pageId: string, count: number): Promise<void> {
  for (let left = count; left > 0; left -= 100)
    await notion.blocks.children.append({ block_id: pageId, children: paragraphs(Math.min(100, left)) });
}

describe("the Free plan's workspace block limit", () => {
  it("lets the write that reaches 1,000 blocks through, keeps writes open for three days, then refuses an integration's new blocks", async () => {
    offsetMs = 0;
    const { ws, owner, pageId } = await workspaceWith(1);
    const bot = ws.client(await ws.integration("Limited writer"));
    await ws.share("Limited writer", pageId);
    await fill(owner, pageId, 950); // 951 blocks with the page
    // The integration's append crosses 1,000 and still succeeds, as do writes in the grace period.
    await fill(bot, pageId, 100);
    offsetMs = 2 * DAY_MS;
    expect(await codeOf(fill(bot, pageId, 10))).toBe("ok");

    offsetMs = 3 * DAY_MS + 60_000;
    const refused = bot.blocks.children.append({ block_id: pageId, children: paragraphs(1) });
    await expect(refused).rejects.toMatchObject({ code: APIErrorCode.RestrictedResource, status: 403 });
    await expect(refused).rejects.toThrow(/limit of 1,000 blocks/);
    expect(
      await codeOf(
        bot.pages.create({ parent: { page_id: pageId }, properties: { title: { title: text("x") } } }),
      ),
    ).toBe(APIErrorCode.RestrictedResource);
    // Reads, edits and deletes stay open; a personal access token is never refused.
    const { results } = await bot.blocks.children.list({ block_id: pageId, page_size: 2 });
    const [first, second] = results;
    expect(
      await codeOf(
        bot.blocks.update({ block_id: first?.id ?? "", paragraph: { rich_text: text("edited") } }),
      ),
    ).toBe("ok");
    expect(await codeOf(bot.blocks.delete({ block_id: second?.id ?? "" }))).toBe("ok");
    expect(await codeOf(owner.blocks.children.append({ block_id: pageId, children: paragraphs(1) }))).toBe(
      "ok",
    );
    // Deleting restores no capacity, and the grace period does not restart.
    offsetMs = 30 * DAY_MS;
    expect(await codeOf(bot.blocks.children.append({ block_id: pageId, children: paragraphs(1) }))).toBe(
      APIErrorCode.RestrictedResource,
    );
  });

  it("does not apply to a workspace whose only other people are guests", async () => {
    offsetMs = 0;
    const { ws, owner, pageId } = await workspaceWith(0, 1);
    const bot = ws.client(await ws.integration("Solo writer"));
    await ws.share("Solo writer", pageId);
    await fill(owner, pageId, 1000);
    offsetMs = 4 * DAY_MS;
    expect(await codeOf(fill(bot, pageId, 5))).toBe("ok");
  });
});
