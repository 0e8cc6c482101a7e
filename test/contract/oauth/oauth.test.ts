import { APIResponseError, isHTTPResponseError } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAuthorizeRequest } from "../../../src/services/oauth/authorize-service.ts";
import { AuthorizeError, AuthorizeRedirectError } from "../../../src/services/oauth/oauth-errors.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { workspacePage } from "../helpers.ts";
import { REDIRECT, pkcePair, publicApp } from "./oauth-support.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function oauthCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof APIResponseError) return error.code;
    // The SDK's error enum lacks the OAuth codes (invalid_grant, …); it then keeps the raw body.
    if (isHTTPResponseError(error)) return (JSON.parse(error.body) as { code: string }).code;
    throw error;
  }
}

async function setup() {
  const developer = await server.workspace();
  const installer = await server.workspace();
  const app = await publicApp(server, developer);
  const shared = await workspacePage(installer.client(), "Shared with the app");
  const secret = await workspacePage(installer.client(), "Not shared");
  return { developer, installer, app, shared, secret };
}

describe("OAuth token exchange", () => {
  it("exchanges a code through the SDK for a token that sees exactly the picked pages", async () => {
    const { installer, app, shared, secret } = await setup();
    const code = await app.code(installer, { pageIds: [shared.id] });
    const token = await app.sdk().oauth.token({
      client_id: app.clientId,
      client_secret: app.clientSecret,
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
    });
    expect(token).toMatchObject({
      token_type: "bearer",
      workspace_id: installer.id,
      workspace_name: "Test Workspace",
      workspace_icon: null,
      duplicated_template_id: null,
      owner: {
        type: "user",
        user: { object: "user", id: installer.ownerId, person: { email: "owner@example.com" } },
      },
    });
    expect(token.access_token).toMatch(/^ntn_/);
    expect(token.refresh_token).toBeTruthy();
    const bot = installer.client(token.access_token);
    const me = await bot.users.me({});
    expect(me.id).toBe(token.bot_id);
    // A public integration's bot is owned by the person who installed it (reference/get-self).
    expect(me).toMatchObject({
      type: "bot",
      bot: {
        owner: {
          type: "user",
          user: {
            object: "user",
            id: installer.ownerId,
            type: "person",
            person: { email: "owner@example.com" },
          },
        },
        workspace_id: installer.id,
      },
    });
    expect((await bot.pages.retrieve({ page_id: shared.id })).id).toBe(shared.id);
    expect(await oauthCode(bot.pages.retrieve({ page_id: secret.id }))).toBe("object_not_found");
    // Public integrations may create workspace-level pages, and see what they create.
    const created = await bot.pages.create({
      parent: { type: "workspace", workspace: true },
      properties: {},
    });
    expect((await bot.pages.retrieve({ page_id: created.id })).id).toBe(created.id);
  });

  it("rotates refresh tokens, and reuse of a dead one revokes the grant", async () => {
    const { installer, app, shared } = await setup();
    const sdk = app.sdk();
    const auth = { client_id: app.clientId, client_secret: app.clientSecret };
    const first = await sdk.oauth.token({
      ...auth,
      grant_type: "authorization_code",
      code: await app.code(installer, { pageIds: [shared.id] }),
      redirect_uri: REDIRECT,
    });
    const second = await sdk.oauth.token({
      ...auth,
      grant_type: "refresh_token",
      refresh_token: first.refresh_token as string,
    });
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.bot_id).toBe(first.bot_id);
    expect(await oauthCode(installer.client(first.access_token).users.me({}))).toBe("unauthorized");
    expect((await installer.client(second.access_token).pages.retrieve({ page_id: shared.id })).id).toBe(
      shared.id,
    );
    expect(
      await oauthCode(
        sdk.oauth.token({
          ...auth,
          grant_type: "refresh_token",
          refresh_token: first.refresh_token as string,
        }),
      ),
    ).toBe("invalid_grant");
    // The reuse ended the whole grant, including the tokens issued by the legitimate refresh.
    expect(await oauthCode(installer.client(second.access_token).users.me({}))).toBe("unauthorized");
    expect(
      await oauthCode(
        sdk.oauth.token({
          ...auth,
          grant_type: "refresh_token",
          refresh_token: second.refresh_token as string,
        }),
      ),
    ).toBe("invalid_grant");
  });

  it("introspects and revokes", async () => {
    const { installer, app } = await setup();
    const sdk = app.sdk();
    const auth = { client_id: app.clientId, client_secret: app.clientSecret };
    const token = await sdk.oauth.token({
      ...auth,
      grant_type: "authorization_code",
      code: await app.code(installer),
      redirect_uri: REDIRECT,
    });
    const info = await sdk.oauth.introspect({ ...auth, token: token.access_token });
    expect(info.active).toBe(true);
    expect(info.scope).toContain("read");
    expect(typeof info.iat).toBe("number");
    expect((await sdk.oauth.introspect({ ...auth, token: "ntn_nonsense" })).active).toBe(false);
    await sdk.oauth.revoke({ ...auth, token: token.access_token });
    expect((await sdk.oauth.introspect({ ...auth, token: token.access_token })).active).toBe(false);
    expect(await oauthCode(installer.client(token.access_token).users.me({}))).toBe("unauthorized");
    expect(
      await oauthCode(
        sdk.oauth.token({
          ...auth,
          grant_type: "refresh_token",
          refresh_token: token.refresh_token as string,
        }),
      ),
    ).toBe("invalid_grant");
  });

  it("accepts form-encoded requests with client credentials in the body, and PKCE S256", async () => {
    const { installer, app } = await setup();
    const { verifier, challenge } = pkcePair();
    const code = await app.code(installer, { challenge });
    const form = (extra: Record<string, string>) =>
      fetch(`${server.url}/v1/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT,
          client_id: app.clientId,
          client_secret: app.clientSecret,
          ...extra,
        }),
      });
    const wrong = await form({ code_verifier: pkcePair().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: "invalid_grant", error: "invalid_grant" });
    const ok = await form({ code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect((await ok.json()) as object).toHaveProperty("access_token");
  });
});

describe("OAuth error paths", () => {
  it("answers every bad token request with the OAuth error code and a clear message", async () => {
    const { developer, installer, app } = await setup();
    const other = await publicApp(server, developer, { name: "Other App" });
    const body = async (response: Response) =>
      (await response.json()) as { code: string; error: string; message: string; status: number };
    const code = await app.code(installer);
    const cases: Array<[string, Response, number, string]> = [
      [
        "no credentials",
        await app.post("/v1/oauth/token", { grant_type: "authorization_code", code }, null),
        401,
        "invalid_client",
      ],
      [
        "wrong secret",
        await app.post(
          "/v1/oauth/token",
          { grant_type: "authorization_code", code },
          `Basic ${Buffer.from(`${app.clientId}:secret_wrong`).toString("base64")}`,
        ),
        401,
        "invalid_client",
      ],
      [
        "unknown client",
        await app.post(
          "/v1/oauth/token",
          { grant_type: "authorization_code", code },
          `Basic ${Buffer.from(`nobody:${app.clientSecret}`).toString("base64")}`,
        ),
        401,
        "invalid_client",
      ],
      [
        "bearer instead of basic",
        await app.post(
          "/v1/oauth/token",
          { grant_type: "authorization_code", code },
          `Bearer ${installer.token}`,
        ),
        401,
        "invalid_client",
      ],
      ["no grant_type", await app.post("/v1/oauth/token", { code }), 400, "invalid_request"],
      [
        "unknown grant_type",
        await app.post("/v1/oauth/token", { grant_type: "password", code }),
        400,
        "unsupported_grant_type",
      ],
      [
        "no code",
        await app.post("/v1/oauth/token", { grant_type: "authorization_code", redirect_uri: REDIRECT }),
        400,
        "invalid_request",
      ],
      [
        "unknown code",
        await app.post("/v1/oauth/token", {
          grant_type: "authorization_code",
          code: "nope",
          redirect_uri: REDIRECT,
        }),
        400,
        "invalid_grant",
      ],
      [
        "redirect_uri missing",
        await app.post("/v1/oauth/token", { grant_type: "authorization_code", code }),
        400,
        "invalid_grant",
      ],
      [
        "redirect_uri tampered",
        await app.post("/v1/oauth/token", {
          grant_type: "authorization_code",
          code,
          redirect_uri: "https://evil.example/cb",
        }),
        400,
        "invalid_grant",
      ],
      [
        "another client's code",
        await other.post("/v1/oauth/token", {
          grant_type: "authorization_code",
          code,
          redirect_uri: REDIRECT,
        }),
        400,
        "invalid_grant",
      ],
      [
        "no refresh_token",
        await app.post("/v1/oauth/token", { grant_type: "refresh_token" }),
        400,
        "invalid_request",
      ],
      [
        "unknown refresh_token",
        await app.post("/v1/oauth/token", { grant_type: "refresh_token", refresh_token: "nrt_x" }),
        400,
        "invalid_grant",
      ],
      ["introspect without token", await app.post("/v1/oauth/introspect", {}), 400, "invalid_request"],
      [
        "revoke with wrong secret",
        await app.post(
          "/v1/oauth/revoke",
          { token: "x" },
          `Basic ${Buffer.from(`${app.clientId}:no`).toString("base64")}`,
        ),
        401,
        "invalid_client",
      ],
    ];
    for (const [name, response, status, code] of cases) {
      const parsed = await body(response);
      expect({ name, status: response.status, code: parsed.code, error: parsed.error }).toEqual({
        name,
        status,
        code,
        error: code,
      });
      expect(parsed.message.length, name).toBeGreaterThan(10);
    }
    // None of the failures above used the code up.
    const ok = await app.post("/v1/oauth/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
    });
    expect(ok.status).toBe(200);
  });

  it("refuses a reused code and revokes what the first exchange issued", async () => {
    const { installer, app } = await setup();
    const code = await app.code(installer);
    const first = (await (
      await app.post("/v1/oauth/token", { grant_type: "authorization_code", code, redirect_uri: REDIRECT })
    ).json()) as { access_token: string };
    const again = await app.post("/v1/oauth/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({
      code: "invalid_grant",
      message: "Invalid code: this code has been revoked.",
    });
    expect(await oauthCode(installer.client(first.access_token).users.me({}))).toBe("unauthorized");
  });

  it("refuses an expired code", async () => {
    const { installer, app } = await setup();
    const code = await app.code(installer);
    const realClock = server.ctx.clock;
    server.ctx.clock = () => new Date(Date.now() + 11 * 60_000);
    try {
      const response = await app.post("/v1/oauth/token", {
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT,
      });
      expect(await response.json()).toMatchObject({
        status: 400,
        code: "invalid_grant",
        message: "Invalid code: this code has expired.",
      });
    } finally {
      server.ctx.clock = realClock;
    }
  });

  it("needs the PKCE verifier when the authorize request had a challenge", async () => {
    const { installer, app } = await setup();
    const code = await app.code(installer, { challenge: pkcePair().challenge });
    const response = await app.post("/v1/oauth/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
    });
    expect(await response.json()).toMatchObject({ code: "invalid_grant" });
  });

  it("keeps tokens to their workspace and their client", async () => {
    const { developer, installer, app, secret } = await setup();
    const third = await server.workspace();
    const other = await publicApp(server, developer, { name: "Another" });
    const token = (await (
      await app.post("/v1/oauth/token", {
        grant_type: "authorization_code",
        code: await app.code(third),
        redirect_uri: REDIRECT,
      })
    ).json()) as { access_token: string };
    // A token installed in one workspace can't reach pages of another, even by id.
    expect(await oauthCode(installer.client(token.access_token).pages.retrieve({ page_id: secret.id }))).toBe(
      "object_not_found",
    );
    const foreign = await other.post("/v1/oauth/introspect", { token: token.access_token });
    expect(await foreign.json()).toMatchObject({ active: false });
    const revoke = await other.post("/v1/oauth/revoke", { token: token.access_token });
    expect(revoke.status).toBe(400);
    expect(
      (await (await app.post("/v1/oauth/introspect", { token: token.access_token })).json()) as object,
    ).toMatchObject({ active: true });
  });

  it("validates the authorize request: client and redirect_uri are never redirected to", async () => {
    const developer = await server.workspace();
    const app = await publicApp(server, developer, { redirectUris: [REDIRECT, "http://localhost:3000/cb"] });
    const base = { client_id: app.clientId, response_type: "code", owner: "user" };
    await expect(checkAuthorizeRequest(server.ctx, { ...base, client_id: "unknown" })).rejects.toBeInstanceOf(
      AuthorizeError,
    );
    await expect(
      checkAuthorizeRequest(server.ctx, { ...base, redirect_uri: "https://evil.example/cb" }),
    ).rejects.toThrow(/not one of the redirect URIs/);
    await expect(checkAuthorizeRequest(server.ctx, base)).rejects.toThrow(
      /redirect_uri parameter is required/,
    );
    await expect(
      checkAuthorizeRequest(server.ctx, { ...base, redirect_uri: REDIRECT, response_type: "token" }),
    ).rejects.toBeInstanceOf(AuthorizeRedirectError);
    await expect(
      checkAuthorizeRequest(server.ctx, {
        ...base,
        redirect_uri: REDIRECT,
        code_challenge: pkcePair().challenge,
        code_challenge_method: "plain",
      }),
    ).rejects.toThrow(/S256/);
    const ok = await checkAuthorizeRequest(server.ctx, {
      ...base,
      redirect_uri: "http://localhost:3000/cb",
      state: "xyz",
    });
    expect(ok.redirectUri).toBe("http://localhost:3000/cb");
  });
});
