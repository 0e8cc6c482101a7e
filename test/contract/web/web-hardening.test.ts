import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../../src/services/identity/account-service.ts";
import { createPersonalToken } from "../../../src/services/identity/workspace-service.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { workspacePage } from "../helpers.ts";
import { cookieOf, webSignIn } from "./web-session.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const PASSWORD = "a long enough password";

describe("web hardening", () => {
  it("never redirects after sign-in to another site, however `next` is disguised", async () => {
    const ws = await server.workspace();
    await addPerson(server.ctx, {
      email: "nx@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    for (const next of [
      "/\t/evil.example",
      "/.//evil.example",
      "/\\evil.example",
      "//evil.example",
      "https://evil.example",
    ]) {
      const form = await fetch(`${server.url}/sign-in`);
      const csrf = cookieOf(form, "quire_csrf") ?? "";
      const response = await fetch(`${server.url}/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: `quire_csrf=${csrf}` },
        body: new URLSearchParams({ _csrf: csrf, email: "nx@example.com", password: PASSWORD, next }),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/");
    }
  });

  it("escapes every user-controlled string and refuses new forms without the CSRF token", async () => {
    const ws = await server.workspace();
    const evil = "<script>alert(1)</script>";
    const page = await workspacePage(ws.client(), evil);
    const owner =
      (await addPerson(server.ctx, {
        email: "esc@example.com",
        password: PASSWORD,
        workspaceId: ws.id,
        role: "owner",
      })) && (await webSignIn(server, "esc@example.com", PASSWORD));
    await owner.post("/integrations", { name: `<img src=x onerror=alert(1)>`, type: "internal" });
    for (const path of ["/", `/pages/${page.id}`, "/integrations"]) {
      const text = (await owner.get(path)).text;
      expect(text).not.toContain("<script>alert");
      expect(text).not.toContain("<img src=x");
    }
    expect((await owner.get(`/pages/${page.id}`)).text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    for (const path of ["/members", "/workspaces", `/pages/${page.id}/guests`, "/members/x/remove"]) {
      const response = await fetch(`${server.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: owner.cookie },
        body: new URLSearchParams({ name: "x", email: "x@example.com", password: PASSWORD, role: "owner" }),
      });
      expect(response.status).toBe(403);
    }
    expect((await owner.get("/workspaces")).text.match(/<li>/g)?.length).toBe(1);
  });

  it("ends the session on sign-out and a demoted person's personal tokens", async () => {
    const ws = await server.workspace();
    const { user } = await addPerson(server.ctx, {
      email: "demoted@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const token = await createPersonalToken(server.ctx, ws.id, user.id);
    expect((await ws.client(token).users.me({})).id).toBe(user.id);
    await addPerson(server.ctx, {
      email: "chief@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "owner",
    });
    const chief = await webSignIn(server, "chief@example.com", PASSWORD);
    expect((await chief.post(`/members/${user.id}/role`, { role: "guest" })).status).toBe(200);
    await expect(ws.client(token).users.me({})).rejects.toMatchObject({ code: "unauthorized" });
    // A guest sees no page titles on the consent screen either.
    await workspacePage(ws.client(), "Board minutes");
    const guest = await webSignIn(server, "demoted@example.com", PASSWORD);
    const created = await chief.post("/integrations", {
      name: "Guest probe",
      type: "public",
      redirect_uris: "https://client.example/cb",
    });
    const clientId = /data-testid="client-id">([^<]+)</.exec(created.text)?.[1] ?? "";
    const consent = await guest.get(
      `/v1/oauth/authorize?client_id=${clientId}&response_type=code&owner=user&redirect_uri=${encodeURIComponent("https://client.example/cb")}`,
    );
    expect(consent.status).toBe(200);
    expect(consent.text).toContain("Guests can&#39;t add connections");
    expect(consent.text).not.toContain("Board minutes");
    // Sign-out: the old cookie no longer works.
    const signedOut = await guest.post("/sign-out", {});
    expect(signedOut.status).toBe(303);
    expect((await guest.get("/")).status).toBe(303);
  });
});
