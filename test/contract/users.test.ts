import { collectPaginatedAPI, isFullUser } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { MISSING_ID, compact, expectApiError, notFoundMessage } from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("users.me", () => {
  it("returns the person behind a personal access token", async () => {
    const ws = await server.workspace();
    const me = await ws.client().users.me({});
    expect(me).toMatchObject({
      object: "user",
      id: ws.ownerId,
      type: "person",
      name: "Test Owner",
      avatar_url: null,
      person: { email: "owner@example.com" },
    });
  });

  it("returns an integration's bot with its owner and workspace", async () => {
    const ws = await server.workspace();
    const token = await ws.integration("Sync Bot");
    const me = await ws.client(token).users.me({});
    expect(me).toMatchObject({
      object: "user",
      type: "bot",
      name: "Sync Bot",
      bot: {
        owner: { type: "workspace", workspace: true },
        workspace_id: ws.id,
        workspace_name: "Test Workspace",
        // The per-file cap of file uploads: Notion's paid-plan 5 GiB unless QUIRE_MAX_FILE_UPLOAD_BYTES says.
        workspace_limits: { max_file_upload_size_in_bytes: 5 * 1024 ** 3 },
      },
    });
    expect(me.id).not.toBe(ws.ownerId);
  });

  it("needs no user-information capability", async () => {
    const ws = await server.workspace();
    const token = await ws.integration("Quiet Bot", ["read"]);
    const me = await ws.client(token).users.me({});
    expect(me.type).toBe("bot");
  });
});

describe("users.list", () => {
  it("lists the people and bots of the workspace only", async () => {
    const ws = await server.workspace();
    const other = await server.workspace();
    const token = await ws.integration("Lister");
    await other.integration("Elsewhere");
    const bot = await ws.client(token).users.me({});

    const list = await ws.client().users.list({});
    expect(list).toMatchObject({
      object: "list",
      type: "user",
      user: {},
      has_more: false,
      next_cursor: null,
    });
    expect(list.results.map((u) => u.id).sort()).toEqual([ws.ownerId, bot.id].sort());
    const owner = list.results.find((u) => u.id === ws.ownerId);
    expect(owner).toMatchObject({
      type: "person",
      name: "Test Owner",
      person: { email: "owner@example.com" },
    });
    const listedBot = list.results.find((u) => u.id === bot.id);
    expect(listedBot).toMatchObject({ type: "bot", name: "Lister" });
  });

  it("shows every bot with its owner and workspace, listed or retrieved", async () => {
    const ws = await server.workspace();
    const bot = await ws.client(await ws.integration("Described")).users.me({});
    const botInfo = {
      owner: { type: "workspace", workspace: true },
      workspace_id: ws.id,
      workspace_name: "Test Workspace",
      workspace_limits: { max_file_upload_size_in_bytes: expect.any(Number) },
    };
    const list = await ws.client().users.list({});
    expect(list.results.find((u) => u.id === bot.id)).toMatchObject({ type: "bot", bot: botInfo });
    expect(await ws.client().users.retrieve({ user_id: bot.id })).toMatchObject({
      type: "bot",
      bot: botInfo,
    });
  });

  it("paginates with page_size and cursors through collectPaginatedAPI", async () => {
    const ws = await server.workspace();
    for (const name of ["A", "B", "C", "D"]) await ws.integration(`Bot ${name}`);
    const client = ws.client();

    const first = await client.users.list({ page_size: 2 });
    expect(first.results).toHaveLength(2);
    expect(first.has_more).toBe(true);
    expect(first.next_cursor).toEqual(expect.any(String));

    const all = await collectPaginatedAPI(client.users.list, { page_size: 2 });
    const ids = all.map((u) => u.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(ids.slice(0, 2)).toEqual(first.results.map((u) => u.id));
    expect(
      all
        .filter(isFullUser)
        .map((u) => u.name)
        .sort(),
    ).toEqual(["Bot A", "Bot B", "Bot C", "Bot D", "Test Owner"].sort());
  });

  it("rejects page_size above 100", async () => {
    const ws = await server.workspace();
    await expectApiError(ws.client().users.list({ page_size: 101 }), {
      status: 400,
      code: "validation_error",
      message: /page_size/,
    });
  });
});

describe("users.retrieve", () => {
  it("retrieves a user by id, with or without dashes", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const dashed = await client.users.retrieve({ user_id: ws.ownerId });
    const bare = await client.users.retrieve({ user_id: compact(ws.ownerId) });
    expect(dashed).toMatchObject({ object: "user", id: ws.ownerId, type: "person", name: "Test Owner" });
    expect(bare.id).toBe(ws.ownerId);
  });

  it("answers 404 for an unknown user and for a user of another workspace", async () => {
    const ws = await server.workspace();
    const other = await server.workspace();
    await expectApiError(ws.client().users.retrieve({ user_id: MISSING_ID }), {
      status: 404,
      code: "object_not_found",
    });
    await expectApiError(ws.client().users.retrieve({ user_id: other.ownerId }), {
      status: 404,
      code: "object_not_found",
      message: notFoundMessage("user", other.ownerId),
    });
  });
});

describe("user information capabilities", () => {
  it("hides email addresses from an integration without the email capability", async () => {
    const ws = await server.workspace();
    const token = await ws.integration("No Email", ["read", "user_info"]);
    const client = ws.client(token);
    const owner = await client.users.retrieve({ user_id: ws.ownerId });
    expect(owner).toMatchObject({ type: "person", name: "Test Owner" });
    expect(owner.type === "person" && owner.person).toEqual({});
    const listed = (await client.users.list({})).results.find((u) => u.id === ws.ownerId);
    expect(listed && listed.type === "person" && listed.person).toEqual({});
  });

  it("shows email addresses to an integration with the email capability", async () => {
    const ws = await server.workspace();
    const token = await ws.integration("With Email", ["read", "user_info_email"]);
    const owner = await ws.client(token).users.retrieve({ user_id: ws.ownerId });
    expect(owner).toMatchObject({ type: "person", person: { email: "owner@example.com" } });
  });

  it("sends email_verified beside the email, in every version, and neither without the capability", async () => {
    // Notion's person with the email capability is {email, email_verified} (recorded from
    // api.notion.com: test/fixtures/notion-shapes/sdk-py-users-list.json). Quire sends no mail, so it
    // has verified no address.
    const ws = await server.workspace();
    const withEmail = await ws.integration("Verified?", ["read", "user_info_email"]);
    const without = await ws.integration("No email either", ["read", "user_info"]);
    const expected = { email: "owner@example.com", email_verified: false };
    for (const version of ["2025-09-03", "2026-03-11"]) {
      const client = ws.client(withEmail, version);
      const owner = await client.users.retrieve({ user_id: ws.ownerId });
      expect(owner.type === "person" && owner.person).toEqual(expected);
      const listed = (await client.users.list({})).results.find((u) => u.id === ws.ownerId);
      expect(listed?.type === "person" && listed.person).toEqual(expected);
      const hidden = await ws.client(without, version).users.retrieve({ user_id: ws.ownerId });
      expect(hidden.type === "person" && hidden.person).toEqual({});
    }
    const v4 = await ws.clientV4(withEmail).users.retrieve({ user_id: ws.ownerId });
    expect(v4.type === "person" && v4.person).toEqual(expected);
    const v4Hidden = await ws.clientV4(without).users.retrieve({ user_id: ws.ownerId });
    expect(v4Hidden.type === "person" && v4Hidden.person).toEqual({});
    // A personal token is its own person: users.me shows the email the same way.
    expect(await ws.client().users.me({})).toMatchObject({ person: expected });
  });

  it("refuses users.list and users.retrieve without a user-information capability", async () => {
    const ws = await server.workspace();
    const token = await ws.integration("Content Only", ["read", "update", "insert"]);
    const client = ws.client(token);
    await expectApiError(client.users.list({}), { status: 403, code: "restricted_resource" });
    await expectApiError(client.users.retrieve({ user_id: ws.ownerId }), {
      status: 403,
      code: "restricted_resource",
    });
  });
});

describe("users with the 2022-06-28 SDK", () => {
  it("serves users.me, users.list and users.retrieve", async () => {
    const ws = await server.workspace();
    const client = ws.clientV4();
    expect(await client.users.me({})).toMatchObject({ id: ws.ownerId, type: "person" });
    const list = await client.users.list({});
    expect(list.results.map((u) => u.id)).toEqual([ws.ownerId]);
    expect(await client.users.retrieve({ user_id: ws.ownerId })).toMatchObject({ name: "Test Owner" });
  });
});
