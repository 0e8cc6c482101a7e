import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../src/services/identity/account-service.ts";
import { shareWithGuest } from "../../src/services/sharing/guest-service.ts";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { webSignIn } from "../contract/web/web-session.ts";
import { leaksIn } from "./matrix.ts";
import { buildScenario } from "./scenario.ts";

/**
 * Issue 25: the web UI's guest views read through the same read model as the API. A guest given
 * `Shared` sees its pages, blocks and database table, never a title or id of what was not shared.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const PASSWORD = "a long enough password";
// On PostgreSQL every test file shares one database and emails are unique in it, so names of our own.
const GUEST = "guest-views-guest@example.com";
const MEMBER = "guest-views-member@example.com";

describe("a guest's web views", () => {
  it("show nothing of the pages not shared with the guest", async () => {
    const scenario = await buildScenario(server);
    const { user } = await addPerson(server.ctx, {
      email: GUEST,
      password: PASSWORD,
      workspaceId: scenario.ws.id,
      role: "guest",
    });
    await shareWithGuest(server.ctx, scenario.ws.id, user.id, scenario.ids.shared);
    const guest = await webSignIn(server, GUEST, PASSWORD);
    const { ids } = scenario;
    const views = [
      { path: "/", status: 200 },
      { path: `/pages/${ids.shared}`, status: 200 },
      { path: `/pages/${ids.child}`, status: 200 },
      { path: `/pages/${ids.sharedDb}`, status: 200 },
      // Guests see nothing in the trash, nor what was not shared: the same 404 as for a missing page.
      { path: `/pages/${ids.trashed}`, status: 404 },
      { path: `/pages/${ids.secretPage}`, status: 404 },
      { path: `/pages/${ids.relatedDb}`, status: 404 },
    ];
    const found: string[] = [];
    for (const view of views) {
      const page = await guest.get(view.path);
      expect(page.status, view.path).toBe(view.status);
      for (const leak of leaksIn(page.text, scenario.forbidden)) found.push(`${view.path}: ${leak}`);
    }
    expect(found).toEqual([]);
    // What the guest may see is there: the table lists the shared row, the page its child.
    expect((await guest.get(`/pages/${ids.sharedDb}`)).text).toContain("SharedRow");
    expect((await guest.get(`/pages/${ids.shared}`)).text).toContain("Child of Untitled");

    // A member of the workspace sees what the guest could not: the mentioned titles, the related row.
    await addPerson(server.ctx, {
      email: MEMBER,
      password: PASSWORD,
      workspaceId: scenario.ws.id,
      role: "member",
    });
    const member = await webSignIn(server, MEMBER, PASSWORD);
    const mentioned = scenario.titles.filter((t) => t.startsWith("SecretMentioned"));
    const sharedPage = (await member.get(`/pages/${ids.shared}`)).text;
    for (const title of mentioned) expect(sharedPage).toContain(title);
    expect((await member.get(`/pages/${ids.secretPage}`)).status).toBe(200);
  });
});
