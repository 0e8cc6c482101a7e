import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../../src/services/identity/account-service.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { cookieOf } from "../web/web-session.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const PASSWORD = "a long enough password";

async function signIn(email: string, password: string, extraCookie = "") {
  const form = await fetch(`${server.url}/sign-in`);
  const csrf = cookieOf(form, "quire_csrf") ?? "";
  return fetch(`${server.url}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: `quire_csrf=${csrf}${extraCookie}`,
    },
    body: new URLSearchParams({ _csrf: csrf, email, password, next: "/integrations" }),
  });
}

describe("web security", () => {
  it("sets a fresh HttpOnly SameSite session cookie on sign-in, whatever cookie was planted", async () => {
    const ws = await server.workspace();
    await addPerson(server.ctx, {
      email: "fix@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const response = await signIn("fix@example.com", PASSWORD, "; quire_session=planted-by-attacker");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/integrations");
    const line = response.headers.getSetCookie().find((l) => l.startsWith("quire_session=")) ?? "";
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Lax/);
    const session = cookieOf(response, "quire_session");
    expect(session).toBeDefined();
    expect(session).not.toBe("planted-by-attacker");
    const planted = await fetch(`${server.url}/integrations`, {
      redirect: "manual",
      headers: { cookie: "quire_session=planted-by-attacker" },
    });
    expect(planted.status).toBe(303);
    const real = await fetch(`${server.url}/integrations`, {
      headers: { cookie: `quire_session=${session}` },
    });
    expect(real.status).toBe(200);
    expect(real.headers.get("x-frame-options")).toBe("DENY");
  });

  it("refuses forms without the CSRF token", async () => {
    const ws = await server.workspace();
    await addPerson(server.ctx, {
      email: "csrf@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const session = cookieOf(await signIn("csrf@example.com", PASSWORD), "quire_session");
    const post = (body: Record<string, string>) =>
      fetch(`${server.url}/tokens`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: `quire_session=${session}` },
        body: new URLSearchParams(body),
      });
    expect((await post({ label: "sneaky" })).status).toBe(403);
    expect((await post({ label: "sneaky", _csrf: "wrong" })).status).toBe(403);
    const signInWithoutToken = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "csrf@example.com", password: PASSWORD }),
    });
    expect(signInWithoutToken.status).toBe(403);
    expect(cookieOf(signInWithoutToken, "quire_session")).toBeUndefined();
  });

  it("answers wrong passwords with a clear message and never locks out the right one", async () => {
    const ws = await server.workspace();
    await addPerson(server.ctx, {
      email: "slow@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    for (let i = 0; i < 5; i++) {
      const wrong = await signIn("slow@example.com", "wrong password!");
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain("Wrong email or password.");
    }
    // Throttling slows failures down (test/contract/web/sign-in-throttle.test.ts); it never refuses this.
    expect((await signIn("slow@example.com", PASSWORD)).status).toBe(303);
  });

  it("never redirects sign-in to another site", async () => {
    const ws = await server.workspace();
    await addPerson(server.ctx, {
      email: "next@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const form = await fetch(`${server.url}/sign-in`);
    const csrf = cookieOf(form, "quire_csrf") ?? "";
    const response = await fetch(`${server.url}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `quire_csrf=${csrf}` },
      body: new URLSearchParams({
        _csrf: csrf,
        email: "next@example.com",
        password: PASSWORD,
        next: "//evil.example/x",
      }),
    });
    expect(response.headers.get("location")).toBe("/");
  });
});
