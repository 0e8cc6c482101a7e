import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../../src/services/identity/account-service.ts";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import { childPage, text, workspacePage } from "../helpers.ts";
import { webSignIn } from "./web-session.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const PASSWORD = "a long enough password";

async function person(ws: TestWorkspace, email: string, role: "owner" | "member" | "guest") {
  await addPerson(server.ctx, { email, password: PASSWORD, workspaceId: ws.id, role });
  return webSignIn(server, email, PASSWORD);
}

describe("database pages as tables", () => {
  it("shows columns in schema order, every value readable, 25 rows a page", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client, "Projects home");
    const database = await client.databases.create({
      parent: { type: "page_id", page_id: root.id },
      title: text("Projects"),
      initial_data_source: {
        properties: {
          Name: { title: {} },
          Stage: { select: { options: [{ name: "Doing", color: "green" }] } },
          Done: { checkbox: {} },
          Due: { date: {} },
          Points: { number: {} },
          Owner: { people: {} },
          Double: { formula: { expression: 'prop("Points") * 2' } },
        },
      },
    });
    const sourceId = (database as { data_sources: { id: string }[] }).data_sources[0]?.id ?? "";
    await client.dataSources.update({
      data_source_id: sourceId,
      properties: { Link: { relation: { data_source_id: sourceId, single_property: {} } } },
    });
    const first = await client.pages.create({
      parent: { type: "data_source_id", data_source_id: sourceId },
      properties: {
        Name: { title: text("Launch <b>site</b>") },
        Stage: { select: { name: "Doing" } },
        Done: { checkbox: true },
        Due: { date: { start: "2025-03-01" } },
        Points: { number: 1234.5 },
        Owner: { people: [{ id: ws.ownerId }] },
      },
    });
    for (let i = 0; i < 29; i++)
      await client.pages.create({
        parent: { type: "data_source_id", data_source_id: sourceId },
        properties: { Name: { title: text(`Row ${i}`) }, Link: { relation: [{ id: first.id }] } },
      });
    const owner = await person(ws, "table-owner@example.com", "owner");
    const shown = await owner.get(`/pages/${database.id}`);
    expect(shown.status).toBe(200);
    const headers = [...shown.text.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(["Name", "Stage", "Done", "Due", "Points", "Owner", "Double", "Link"]);
    // A member edits cells in place (docs/web-ui.md): the values are the forms' current values.
    expect(shown.text).toMatch(/<option value="Doing"\s+selected>Doing<\/option>/);
    expect(shown.text).toContain("Launch &lt;b&gt;site&lt;/b&gt;");
    expect(shown.text).not.toContain("<b>site</b>");
    expect(shown.text).toContain("2025-03-01");
    expect(shown.text).toMatch(/aria-label="Points of Launch &lt;b&gt;site&lt;\/b&gt;"\s+value="1234.5"/);
    expect(shown.text).toContain("2,469");
    expect(shown.text).toContain("Test Owner");
    expect(shown.text).toMatch(/aria-label="Done of Launch &lt;b&gt;site&lt;\/b&gt;"\s+checked/);
    expect(shown.text).toContain(`<a class="relation" href="/pages/${first.id}">Launch`);
    expect(shown.text.match(/<th scope="row">/g)?.length).toBe(25);
    const next = /href="([^"]+)"\s+rel="next"/.exec(shown.text)?.[1]?.replace(/&amp;/g, "&") ?? "";
    expect(next).toContain("cursor=");
    const rest = await owner.get(next);
    expect(rest.text.match(/<th scope="row">/g)?.length).toBe(5);
    expect(rest.text).not.toMatch(/rel="next"/);
    expect((await owner.get(`/pages/${database.id}?cursor=garbage`)).status).toBe(400);
  });
});

describe("guests", () => {
  it("see only the pages shared with them and their descendants, nothing else", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const shared = await workspacePage(client, "Shared plan");
    const below = await childPage(client, shared.id, "Plan details");
    const secret = await workspacePage(client, "Secret salaries");
    const memberUser = await person(ws, "member@example.com", "member");
    const guest = await person(ws, "guest@example.com", "guest");
    const guestUserId = /value="([0-9a-f-]{36})">guest@example\.com<\/option>/.exec(
      (await memberUser.get(`/pages/${shared.id}`)).text,
    )?.[1];
    expect(guestUserId).toBeDefined();
    // Before sharing: nothing.
    expect((await guest.get("/")).text).toContain("Nothing has been shared with you yet.");
    expect((await guest.get(`/pages/${shared.id}`)).status).toBe(404);
    const share = await memberUser.post(`/pages/${shared.id}/guests`, { user_id: guestUserId ?? "" });
    expect(share.status).toBe(303);
    const home = await guest.get("/");
    expect(home.text).toContain("Shared plan");
    expect(home.text).toContain("Plan details");
    expect(home.text).not.toContain("Secret salaries");
    expect((await guest.get(`/pages/${below.id}`)).status).toBe(200);
    const secretPage = await guest.get(`/pages/${secret.id}`);
    expect(secretPage.status).toBe(404);
    expect(secretPage.text).not.toContain("Secret salaries");
    const sharedPage = await guest.get(`/pages/${shared.id}`);
    expect(sharedPage.text).not.toContain("Connections");
    for (const path of ["/integrations", "/tokens", "/members"])
      expect((await guest.get(path)).status).toBe(403);
    expect((await guest.post(`/pages/${secret.id}/guests`, { user_id: guestUserId ?? "" })).status).toBe(403);
    // Stop sharing: gone again.
    await memberUser.post(`/pages/${shared.id}/guests/remove`, { user_id: guestUserId ?? "" });
    expect((await guest.get(`/pages/${below.id}`)).status).toBe(404);
  });
});

describe("members and workspaces", () => {
  it("lets owners add people, change roles and remove them; never the last owner", async () => {
    const ws = await server.workspace();
    const owner = await person(ws, "boss@example.com", "owner");
    const tooShort = await owner.post("/members", {
      email: "new@example.com",
      password: "short",
      role: "member",
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain("at least 10 characters");
    const added = await owner.post("/members", {
      email: "new@example.com",
      password: PASSWORD,
      role: "member",
    });
    expect(added.status).toBe(201);
    expect(added.text).toContain("new@example.com was added as member");
    const newcomer = await webSignIn(server, "new@example.com", PASSWORD);
    expect((await newcomer.get("/integrations")).status).toBe(200);
    expect(
      (await newcomer.post("/members", { email: "x@example.com", password: PASSWORD, role: "owner" })).status,
    ).toBe(403);
    const members = (await owner.get("/members")).text;
    const id = (email: string) =>
      new RegExp(
        `<td>${email.replace(".", "\\.")}</td>\\s*<td>\\s*<form method="post" action="/members/([0-9a-f-]{36})/role"`,
      ).exec(members)?.[1] ?? "";
    const lastOwner = await owner.post(`/members/${id("boss@example.com")}/role`, { role: "member" });
    expect(lastOwner.status).toBe(400);
    expect(lastOwner.text).toContain("at least one owner");
    expect((await owner.post(`/members/${id("new@example.com")}/role`, { role: "guest" })).status).toBe(200);
    expect((await newcomer.get("/integrations")).status).toBe(403);
    expect((await owner.post(`/members/${id("new@example.com")}/remove`, {})).status).toBe(200);
    expect((await newcomer.get("/")).status).toBe(303);
  });

  it("creates a workspace owned by its creator and switches between workspaces", async () => {
    const ws = await server.workspace();
    await workspacePage(ws.client(), "Old workspace page");
    const someone = await person(ws, "founder@example.com", "member");
    const created = await someone.post("/workspaces", { name: "Side <project>" });
    expect(created.status).toBe(303);
    const home = await someone.get("/");
    expect(home.text).toContain("Side &lt;project&gt;");
    expect(home.text).not.toContain("Old workspace page");
    expect(home.text).toContain("(owner)");
    const list = await someone.get("/workspaces");
    const other = /name="workspace_id"\s+value="([0-9a-f-]{36})"/.exec(list.text)?.[1] ?? "";
    expect(other).toBe(ws.id);
    expect((await someone.post("/workspace", { workspace_id: other, next: "/" })).status).toBe(303);
    expect((await someone.get("/")).text).toContain("Old workspace page");
    expect((await someone.post("/workspaces", { name: "  " })).status).toBe(400);
  });
});

describe("integration forms", () => {
  it("refuses an icon that is not a single emoji with a clear message", async () => {
    const ws = await server.workspace();
    const owner = await person(ws, "icons@example.com", "owner");
    const bad = await owner.post("/integrations", { name: "Bad icon", icon: "<img>", type: "internal" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("The icon must be a single emoji");
    expect(bad.text).not.toContain("<img>");
    const good = await owner.post("/integrations", { name: "Good icon", icon: "🚀", type: "internal" });
    expect(good.status).toBe(201);
  });

  it("keeps the pages picked on the consent screen when searching", async () => {
    const ws = await server.workspace();
    const alpha = await workspacePage(ws.client(), "Alpha notes");
    await workspacePage(ws.client(), "Beta notes");
    const owner = await person(ws, "picker@example.com", "owner");
    const created = await owner.post("/integrations", {
      name: "Picker App",
      type: "public",
      redirect_uris: "https://client.example/cb",
      capability: "read",
    });
    const clientId = /data-testid="client-id">([^<]+)</.exec(created.text)?.[1] ?? "";
    const searched = await owner.post("/v1/oauth/authorize", {
      client_id: clientId,
      response_type: "code",
      owner: "user",
      redirect_uri: "https://client.example/cb",
      decision: "search",
      q: "Beta",
      page: alpha.id,
    });
    expect(searched.status).toBe(200);
    expect(searched.text).toMatch(new RegExp(`value="${alpha.id}" checked`));
    expect(searched.text).toContain("Beta notes");
    expect(searched.text).toContain('value="Beta"');
  });
});
