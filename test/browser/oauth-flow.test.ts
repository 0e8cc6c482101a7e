import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client, LogLevel } from "@notionhq/client";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../src/services/identity/account-service.ts";
import { type TestServer, startTestServer } from "../support/quire.ts";
import { workspacePage } from "../contract/helpers.ts";

const CHROMIUM = process.env["QUIRE_CHROMIUM"] ?? "/usr/bin/chromium";
const SHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;
const PASSWORD = "correct horse battery";

let server: TestServer;
let browser: Browser;
let clientApp: Server;
let clientUrl = "";
/** What the client app's callback saw last. */
let lastCallback: URLSearchParams | null = null;

beforeAll(async () => {
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // The integration's own web app: its callback just records what it was sent.
  clientApp = createServer((request, response) => {
    const url = new URL(request.url ?? "/", clientUrl);
    // Chromium also asks for /favicon.ico; only the callback counts.
    if (url.pathname === "/callback") lastCallback = url.searchParams;
    response.writeHead(200, { "content-type": "text/html" });
    response.end(
      `<h1>Callback</h1><p id="result">${url.searchParams.has("code") ? "got a code" : `error: ${url.searchParams.get("error") ?? ""}`}</p>`,
    );
  });
  await new Promise<void>((resolve) => clientApp.listen(0, "127.0.0.1", resolve));
  clientUrl = `http://127.0.0.1:${(clientApp.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => clientApp?.close(resolve));
  await server?.close();
});

/** Screenshots for docs/screenshots/, only when asked (QUIRE_SCREENSHOTS=1), so test runs leave the tree clean. */
async function shot(page: Page, name: string) {
  if (process.env["QUIRE_SCREENSHOTS"] === "1")
    await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

async function signIn(page: Page, email: string, next = "/") {
  await page.goto(`${server.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("the web UI in Chromium", () => {
  it("takes a public integration from creation to an installed, working, refreshed and revoked token", async () => {
    const developer = await server.workspace();
    await addPerson(server.ctx, {
      email: "dev@example.com",
      password: PASSWORD,
      workspaceId: developer.id,
      role: "member",
    });
    const installer = await server.workspace();
    await addPerson(server.ctx, {
      email: "alice@example.com",
      password: PASSWORD,
      workspaceId: installer.id,
      role: "member",
    });
    const shared = await workspacePage(installer.client(), "Roadmap");
    await workspacePage(installer.client(), "Private notes");

    // The developer signs in and creates a public integration.
    const devPage = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    await signIn(devPage, "dev@example.com", "/integrations");
    await shot(devPage, "integrations");
    await devPage.getByLabel("Name", { exact: true }).fill("Acme Sync");
    await devPage.getByLabel("Public: people install it with OAuth").check();
    await devPage.getByLabel("Redirect URIs (public integrations, one a line)").fill(`${clientUrl}/callback`);
    await devPage.getByRole("button", { name: "Create integration" }).click();
    const clientId = (await devPage.getByTestId("client-id").textContent())?.trim() ?? "";
    const clientSecret = (await devPage.getByTestId("secret").textContent())?.trim() ?? "";
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(clientSecret).toMatch(/^secret_/);
    await shot(devPage, "integration-created");

    // Alice follows the integration's connect link, signs in, picks a page and allows.
    const alice = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    const authorize = `${server.url}/v1/oauth/authorize?client_id=${clientId}&response_type=code&owner=user&state=s123&redirect_uri=${encodeURIComponent(`${clientUrl}/callback`)}`;
    await alice.goto(authorize);
    await expect.poll(() => alice.url()).toContain("/sign-in");
    await alice.getByLabel("Email").fill("alice@example.com");
    await alice.getByLabel("Password").fill(PASSWORD);
    await alice.getByRole("button", { name: "Sign in" }).click();
    await alice.getByRole("heading", { name: /Acme Sync wants to connect/ }).waitFor();
    await shot(alice, "consent");
    await alice.getByLabel("Roadmap").check();
    await alice.getByRole("button", { name: "Allow access" }).click();
    await alice.locator("#result").waitFor();
    expect(lastCallback?.get("state")).toBe("s123");
    const code = lastCallback?.get("code") ?? "";
    expect(code).not.toBe("");

    // The client app exchanges the code with the official SDK and uses the token.
    const sdk = new Client({ baseUrl: server.url, retry: false, logLevel: LogLevel.ERROR });
    const auth = { client_id: clientId, client_secret: clientSecret };
    const token = await sdk.oauth.token({
      ...auth,
      grant_type: "authorization_code",
      code,
      redirect_uri: `${clientUrl}/callback`,
    });
    const bot = new Client({
      auth: token.access_token,
      baseUrl: server.url,
      retry: false,
      logLevel: LogLevel.ERROR,
    });
    expect((await bot.pages.retrieve({ page_id: shared.id })).id).toBe(shared.id);
    const search = await bot.users.me({});
    expect(search.id).toBe(token.bot_id);
    const refreshed = await sdk.oauth.token({
      ...auth,
      grant_type: "refresh_token",
      refresh_token: token.refresh_token ?? "",
    });
    await sdk.oauth.revoke({ ...auth, token: refreshed.access_token });
    const after = new Client({
      auth: refreshed.access_token,
      baseUrl: server.url,
      retry: false,
      logLevel: LogLevel.ERROR,
    });
    await expect(after.users.me({})).rejects.toMatchObject({ code: "unauthorized" });

    // Alice sees the connection on the page and can remove it.
    await alice.goto(`${server.url}/pages/${shared.id}`);
    await alice.getByRole("heading", { name: "Connections" }).waitFor();
    expect(await alice.getByText("Acme Sync").count()).toBeGreaterThan(0);
    await shot(alice, "page-connections");

    // Cancel sends access_denied back with the state.
    await alice.goto(authorize);
    await alice.getByRole("button", { name: "Cancel" }).click();
    await alice.locator("#result").waitFor();
    expect(lastCallback?.get("error")).toBe("access_denied");
    expect(lastCallback?.get("state")).toBe("s123");

    // A tampered redirect_uri is never followed.
    lastCallback = null;
    await alice.goto(
      authorize.replace(
        encodeURIComponent(`${clientUrl}/callback`),
        encodeURIComponent("https://evil.example/steal"),
      ),
    );
    await alice.getByRole("heading", { name: "This connection link doesn't work" }).waitFor();
    expect(await alice.getByRole("alert").textContent()).toContain("is not one of the redirect URIs");
    expect(lastCallback).toBeNull();
    await shot(alice, "consent-error");
  });

  it("shares a page with an internal integration from the page's Connections", async () => {
    const ws = await server.workspace();
    await addPerson(server.ctx, {
      email: "bob@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const token = await ws.integration("Reporter");
    const target = await workspacePage(ws.client(), "Weekly report");
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signIn(page, "bob@example.com", `/pages/${target.id}`);
    await expect(ws.client(token).pages.retrieve({ page_id: target.id })).rejects.toMatchObject({
      code: "object_not_found",
    });
    await page.getByLabel("Add a connection").selectOption({ label: "Reporter" });
    await page.getByRole("button", { name: "Add" }).click();
    await page.getByRole("button", { name: "Remove" }).waitFor();
    await shot(page, "page-phone");
    expect((await ws.client(token).pages.retrieve({ page_id: target.id })).id).toBe(target.id);
    await page.getByRole("button", { name: "Remove" }).click();
    await page.getByLabel("Add a connection").waitFor();
    await expect(ws.client(token).pages.retrieve({ page_id: target.id })).rejects.toMatchObject({
      code: "object_not_found",
    });
  });
});
