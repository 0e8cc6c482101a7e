import { createHash, randomBytes } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../src/services/identity/account-service.ts";
import { type TestServer, type TestWorkspace, startTestServer } from "../support/quire.ts";
import { type WebUser, webSignIn } from "../contract/web/web-session.ts";
import { callError, callJson } from "./mcp-client.ts";

/**
 * The OAuth dance an MCP client does against `/mcp` (MCP authorization spec): discovery from the 401,
 * Dynamic Client Registration, authorize with PKCE in Quire's consent page (driven with plain HTTP, as
 * a browser without JavaScript posts it), the code exchange, tool calls as the person, and refresh with
 * rotation.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const PASSWORD = "correct horse battery staple";
const REDIRECT = "http://127.0.0.1:33418/callback";
let people = 0;

async function member(ws: TestWorkspace): Promise<{ user: WebUser; userId: string }> {
  const email = `mcp-${++people}-${randomBytes(4).toString("hex")}@example.com`;
  const { user } = await addPerson(server.ctx, {
    email,
    password: PASSWORD,
    name: "Mia Member",
    workspaceId: ws.id,
    role: "member",
  });
  return { user: await webSignIn(server, email, PASSWORD), userId: user.id };
}

function unescape(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Presses a button of the consent page the authorize URL shows; returns where Quire redirects. */
async function consent(user: WebUser, authorizeUrl: URL, decision: "allow" | "cancel"): Promise<URL> {
  const page = await user.get(`${authorizeUrl.pathname}${authorizeUrl.search}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain("wants to connect to");
  const hidden = Object.fromEntries(
    [...page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
      .filter((m) => m[1] !== "_csrf")
      .map((m) => [m[1] as string, unescape(m[2] as string)]),
  );
  const answer = await user.post(authorizeUrl.pathname, { ...hidden, decision });
  expect(answer.status).toBe(303);
  return new URL(answer.location ?? "");
}

/** The SDK's OAuth client provider, with the browser step done by `consent`. */
class TestProvider implements OAuthClientProvider {
  client: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = "";
  code: string | null = null;
  constructor(private readonly user: WebUser) {}
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: "Test Agent",
      redirect_uris: [REDIRECT],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.client = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  async redirectToAuthorization(url: URL) {
    this.code = (await consent(this.user, url, "allow")).searchParams.get("code");
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

function form(path: string, fields: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

function bearerClient(token: string) {
  const client = new Client({ name: "bearer", version: "1" });
  return client
    .connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    )
    .then(() => client);
}

describe("OAuth for /mcp with the MCP SDK's client", () => {
  it("discovers, registers, authorizes in the consent page, and calls tools as the person", async () => {
    const ws = await server.workspace();
    const { user, userId } = await member(ws);
    const provider = new TestProvider(user);
    const url = new URL(`${server.url}/mcp`);
    const first = new Client({ name: "agent", version: "1" });
    await expect(
      first.connect(new StreamableHTTPClientTransport(url, { authProvider: provider })),
    ).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.client?.client_id).toEqual(expect.any(String));
    expect(provider.code).toEqual(expect.any(String));
    const transport = new StreamableHTTPClientTransport(url, { authProvider: provider });
    await transport.finishAuth(provider.code as string);
    expect(provider.saved).toMatchObject({
      token_type: expect.stringMatching(/^bearer$/i),
      expires_in: 3600,
    });

    const client = new Client({ name: "agent", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(url, { authProvider: provider }));
    const self = await callJson<{ results: { id: string }[] }>(client, "notion-get-users", {
      user_id: "self",
    });
    expect(self.results[0]?.id).toBe(userId);
    const created = await callJson<{ pages: { id: string }[] }>(client, "notion-create-pages", {
      pages: [{ properties: { title: "Written by an agent" }, content: "Hi" }],
    });
    // The grant acts as the person: the REST API shows the page as created by them, not by a bot.
    const page = await ws.client().pages.retrieve({ page_id: created.pages[0]?.id as string });
    expect("created_by" in page ? page.created_by.id : null).toBe(userId);
    // The MCP access token is for /mcp only.
    const rest = await ws.fetch("/v1/users/me", { token: provider.saved?.access_token ?? "" });
    expect(rest.status).toBe(401);
    await client.close();

    // The person sees the connection in the dashboard and revokes it: its tokens stop at once.
    const dashboard = await user.get("/tokens");
    expect(dashboard.text).toContain("Test Agent");
    const grantId = /action="\/tokens\/mcp\/([^/]+)\/revoke"/.exec(dashboard.text)?.[1] ?? "";
    expect((await user.post(`/tokens/mcp/${grantId}/revoke`, {})).status).toBe(303);
    expect((await user.get("/tokens")).text).toContain("No MCP connections.");
    await expect(bearerClient(provider.saved?.access_token ?? "")).rejects.toThrow(/invalid_token/);
    const refresh = await form("/mcp/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: provider.saved?.refresh_token ?? "",
      client_id: provider.client?.client_id ?? "",
    });
    expect(await refresh.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("rotates refresh tokens: the old one is refused and ends the connection", async () => {
    const ws = await server.workspace();
    const { user } = await member(ws);
    const provider = new TestProvider(user);
    const url = new URL(`${server.url}/mcp`);
    await new Client({ name: "agent", version: "1" })
      .connect(new StreamableHTTPClientTransport(url, { authProvider: provider }))
      .catch(() => undefined);
    await new StreamableHTTPClientTransport(url, { authProvider: provider }).finishAuth(
      provider.code as string,
    );
    const clientId = provider.client?.client_id as string;
    const oldRefresh = provider.saved?.refresh_token as string;
    const oldAccess = provider.saved?.access_token as string;

    const refreshed = await form("/mcp/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: oldRefresh,
      client_id: clientId,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.headers.get("cache-control")).toBe("no-store");
    const tokens = (await refreshed.json()) as OAuthTokens;
    expect(tokens.refresh_token).not.toBe(oldRefresh);
    const rotated = await bearerClient(tokens.access_token);
    expect(
      (await callJson<{ results: unknown[] }>(rotated, "notion-get-users", { user_id: "self" })).results,
    ).toHaveLength(1);
    // The access token the refresh replaced stops working.
    await expect(bearerClient(oldAccess)).rejects.toThrow(/invalid_token/);

    const reused = await form("/mcp/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: oldRefresh,
      client_id: clientId,
    });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: "invalid_grant" });
    // Reuse means someone else holds it: the whole connection ends, the new tokens too.
    await expect(bearerClient(tokens.access_token)).rejects.toThrow(/invalid_token/);
    const after = await form("/mcp/oauth/token", {
      grant_type: "refresh_token",
      refresh_token: tokens.refresh_token ?? "",
      client_id: clientId,
    });
    expect(after.status).toBe(400);
  });
});

describe("the authorization server's rules", () => {
  async function register(metadata: Record<string, unknown>) {
    return fetch(`${server.url}/mcp/oauth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(metadata),
    });
  }

  it("publishes RFC 9728 and RFC 8414 metadata", async () => {
    const resource = await (await fetch(`${server.url}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(resource).toMatchObject({ resource: `${server.url}/mcp`, authorization_servers: [server.url] });
    const as = await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json();
    expect(as).toMatchObject({
      issuer: server.url,
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["none"],
      registration_endpoint: `${server.url}/mcp/oauth/register`,
    });
  });

  it("registers public clients with HTTPS or loopback redirect URIs only", async () => {
    const ok = await register({
      client_name: "A",
      redirect_uris: ["https://agent.example/cb", "http://localhost:8080/cb"],
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ token_endpoint_auth_method: "none", client_name: "A" });
    const plain = await register({ redirect_uris: ["http://agent.example/cb"] });
    expect(plain.status).toBe(400);
    expect(await plain.json()).toMatchObject({ error: "invalid_redirect_uri" });
    const secret = await register({
      redirect_uris: ["https://agent.example/cb"],
      token_endpoint_auth_method: "client_secret_basic",
    });
    expect(await secret.json()).toMatchObject({ error: "invalid_client_metadata" });
  });

  it("requires PKCE S256, sends a cancel back as access_denied, and checks the verifier and the client", async () => {
    const ws = await server.workspace();
    const { user } = await member(ws);
    const registered = (await (await register({ client_name: "B", redirect_uris: [REDIRECT] })).json()) as {
      client_id: string;
    };
    const authorize = (params: Record<string, string>) =>
      new URL(
        `${server.url}/mcp/oauth/authorize?${new URLSearchParams({ client_id: registered.client_id, redirect_uri: REDIRECT, response_type: "code", state: "s1", ...params })}`,
      );

    const noPkce = await user.get(`${authorize({}).pathname}${authorize({}).search}`);
    expect(noPkce.status).toBe(303);
    expect(new URL(noPkce.location ?? "").searchParams.get("error")).toBe("invalid_request");
    const plainMethod = authorize({ code_challenge: "x".repeat(43), code_challenge_method: "plain" });
    expect(
      new URL(
        (await user.get(`${plainMethod.pathname}${plainMethod.search}`)).location ?? "",
      ).searchParams.get("error"),
    ).toBe("invalid_request");

    const verifier = randomBytes(32).toString("base64url");
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const withPkce = authorize({ code_challenge: challenge, code_challenge_method: "S256" });
    const cancelled = await consent(user, withPkce, "cancel");
    expect(cancelled.searchParams.get("error")).toBe("access_denied");
    expect(cancelled.searchParams.get("state")).toBe("s1");

    const signedOut = await fetch(withPkce, { redirect: "manual" });
    expect(signedOut.headers.get("location")).toMatch(/^\/sign-in\?next=/);

    const code = (await consent(user, withPkce, "allow")).searchParams.get("code") ?? "";
    const exchange = (fields: Record<string, string>) =>
      form("/mcp/oauth/token", {
        grant_type: "authorization_code",
        code,
        client_id: registered.client_id,
        redirect_uri: REDIRECT,
        ...fields,
      });
    const secret = await exchange({ code_verifier: verifier, client_secret: "s" });
    expect(await secret.json()).toMatchObject({ error: "invalid_client" });
    const wrong = await exchange({ code_verifier: randomBytes(32).toString("base64url") });
    expect(await wrong.json()).toMatchObject({
      error: "invalid_grant",
      error_description: expect.stringMatching(/code_verifier/),
    });
    const good = await exchange({ code_verifier: verifier });
    expect(good.status).toBe(200);
    const { access_token } = (await good.json()) as OAuthTokens;
    const client = await bearerClient(access_token);
    const denied = await callError(client, "notion-fetch", { id: "00000000-0000-4000-8000-000000000000" });
    expect(denied.code).toBe("object_not_found");
    // A code works once; presenting it again ends what it gave.
    expect(await (await exchange({ code_verifier: verifier })).json()).toMatchObject({
      error: "invalid_grant",
    });
    await expect(bearerClient(access_token)).rejects.toThrow(/invalid_token/);
  });
});
