import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Client, LogLevel } from "@notionhq/client";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Served, databaseFlags, kill, serve } from "../cli/run-cli.ts";

/**
 * The issue's "Done when", as a new user would do it: a fresh `quire serve`, the owner's printed sign-in,
 * a public integration made in the UI, a second person added on the Members page who installs it through
 * the consent screen, and the integration's own small web app using the official SDK with the token.
 */
const CHROMIUM = process.env["QUIRE_CHROMIUM"] ?? "/usr/bin/chromium";
const SHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;
const BOB_PASSWORD = "bob's long password";

let quire: Served;
let browser: Browser;
let app: Server;
let appUrl = "";
/** The client app's credentials (pasted in by its developer) and what its callback got. */
const credentials = { clientId: "", clientSecret: "" };
let installed: { accessToken: string; ownerId: string } | null = null;

async function shot(page: Page, name: string) {
  if (process.env["QUIRE_SCREENSHOTS"] === "1")
    await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

function sdk(auth?: string): Client {
  return new Client({
    ...(auth ? { auth } : {}),
    baseUrl: quire.url,
    retry: false,
    logLevel: LogLevel.ERROR,
  });
}

beforeAll(async () => {
  quire = await serve(await databaseFlags());
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
    ],
  });
  // The integration's web app: a Connect link, and a callback that exchanges the code with the SDK.
  app = createServer((request, response) => {
    const url = new URL(request.url ?? "/", appUrl);
    const reply = (status: number, body: string) => {
      response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      response.end(body);
    };
    if (url.pathname !== "/callback") return reply(404, "not found");
    const code = url.searchParams.get("code");
    if (!code) return reply(400, `<p id="result">Not connected: ${url.searchParams.get("error") ?? "?"}</p>`);
    sdk()
      .oauth.token({
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        grant_type: "authorization_code",
        code,
        redirect_uri: `${appUrl}/callback`,
      })
      .then((token) => {
        installed = {
          accessToken: token.access_token,
          ownerId: token.owner.type === "user" ? token.owner.user.id : "",
        };
        reply(200, `<p id="result">Connected to ${token.workspace_name ?? "?"}</p>`);
      })
      .catch((error: unknown) => reply(500, `<p id="result">Exchange failed: ${String(error)}</p>`));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => app?.close(resolve));
  if (quire) await kill(quire);
});

describe("from a fresh start to a public integration installed by a second person", () => {
  it("works the way a new user would try it, with clear failures", async () => {
    // 1. The first start prints the owner's sign-in.
    await expect.poll(() => quire.lines.join("\n"), { timeout: 15_000 }).toMatch(/password: +\S+/);
    const printed = quire.lines.join("\n");
    const ownerEmail = /email: +(\S+)/.exec(printed)?.[1] ?? "";
    const ownerPassword = /password: +(\S+)/.exec(printed)?.[1] ?? "";
    expect(ownerEmail).toContain("@");

    // 2. The owner signs in (a wrong password first: a clear message, no session).
    const owner = await (await browser.newContext({ viewport: { width: 1200, height: 900 } })).newPage();
    await owner.goto(`${quire.url}/`);
    await owner.getByLabel("Email").fill(ownerEmail);
    await owner.getByLabel("Password").fill("not the password");
    await owner.getByRole("button", { name: "Sign in" }).click();
    expect(await owner.getByRole("alert").textContent()).toContain("Wrong email or password.");
    await owner.getByLabel("Password").fill(ownerPassword);
    await owner.getByRole("button", { name: "Sign in" }).click();
    await owner.getByRole("heading", { name: "Quire Workspace" }).waitFor();

    // 3. A personal token for scripting: the owner writes some pages and a table with the SDK.
    await owner.getByRole("link", { name: "Tokens" }).click();
    await owner.getByLabel("Name").fill("setup script");
    await owner.getByRole("button", { name: "Create token" }).click();
    const personal = sdk((await owner.getByTestId("secret").textContent())?.trim() ?? "");
    const roadmap = await personal.pages.create({
      parent: { type: "workspace", workspace: true },
      properties: { title: { title: [{ text: { content: "Launch plan" } }] } },
      children: [{ paragraph: { rich_text: [{ text: { content: "Ship the consent screen." } }] } }],
    });
    const secret = await personal.pages.create({
      parent: { type: "workspace", workspace: true },
      properties: { title: { title: [{ text: { content: "Salaries" } }] } },
    });
    const tasks = await personal.databases.create({
      parent: { type: "page_id", page_id: roadmap.id },
      title: [{ text: { content: "Tasks" } }],
      initial_data_source: {
        properties: {
          Task: { title: {} },
          Status: {
            select: {
              options: [
                { name: "Doing", color: "blue" },
                { name: "Done", color: "green" },
              ],
            },
          },
          Due: { date: {} },
          Done: { checkbox: {} },
        },
      },
    });
    const sourceId = (tasks as { data_sources: { id: string }[] }).data_sources[0]?.id ?? "";
    for (const [task, status, due] of [
      ["Design the table view", "Done", "2025-03-01"],
      ["Members page", "Doing", "2025-03-08"],
    ] as const)
      await personal.pages.create({
        parent: { type: "data_source_id", data_source_id: sourceId },
        properties: {
          Task: { title: [{ text: { content: task } }] },
          Status: { select: { name: status } },
          Due: { date: { start: due } },
          Done: { checkbox: status === "Done" },
        },
      });
    await owner.goto(`${quire.url}/pages/${tasks.id}`);
    await owner.getByRole("columnheader", { name: "Status" }).waitFor();
    expect(await owner.getByRole("rowheader").allTextContents()).toHaveLength(2);
    await shot(owner, "table");

    // 4. The owner creates a public integration in the UI (a bad icon first: a clear form error).
    await owner.getByRole("link", { name: "Integrations" }).click();
    await owner.getByLabel("Name", { exact: true }).fill("Acme Sync");
    await owner.getByLabel("Icon (an emoji, optional)").fill("acme");
    await owner.getByLabel("Public: people install it with OAuth").check();
    await owner.getByLabel("Redirect URIs (public integrations, one a line)").fill(`${appUrl}/callback`);
    await owner.getByRole("button", { name: "Create integration" }).click();
    expect(await owner.getByRole("alert").textContent()).toContain("The icon must be a single emoji");
    await owner.getByLabel("Name", { exact: true }).fill("Acme Sync");
    await owner.getByLabel("Icon (an emoji, optional)").fill("🚀");
    await owner.getByLabel("Public: people install it with OAuth").check();
    await owner.getByLabel("Redirect URIs (public integrations, one a line)").fill(`${appUrl}/callback`);
    await owner.getByRole("button", { name: "Create integration" }).click();
    credentials.clientId = (await owner.getByTestId("client-id").textContent())?.trim() ?? "";
    credentials.clientSecret = (await owner.getByTestId("secret").textContent())?.trim() ?? "";
    expect(credentials.clientSecret).toMatch(/^secret_/);

    // 5. The owner adds a second person on the Members page.
    await owner.getByRole("link", { name: "Members" }).click();
    await owner.getByLabel("Email").fill("bob@example.com");
    await owner.getByLabel(/Initial password/).fill(BOB_PASSWORD);
    await owner.getByLabel("Role", { exact: true }).selectOption("member");
    await owner.getByRole("button", { name: "Add person" }).click();
    await owner.getByText("bob@example.com was added as member").waitFor();
    await shot(owner, "members");

    // 6. Bob follows the integration's connect link, signs in, picks Launch plan and allows.
    const bob = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const connect = `${quire.url}/v1/oauth/authorize?client_id=${credentials.clientId}&response_type=code&owner=user&redirect_uri=${encodeURIComponent(`${appUrl}/callback`)}`;
    await bob.goto(connect);
    await bob.getByLabel("Email").fill("bob@example.com");
    await bob.getByLabel("Password").fill(BOB_PASSWORD);
    await bob.getByRole("button", { name: "Sign in" }).click();
    await bob.getByRole("heading", { name: /Acme Sync wants to connect to Quire Workspace/ }).waitFor();
    await bob.getByLabel("Launch plan").check();
    // Searching keeps the tick.
    await bob.getByLabel("Search pages").fill("Sal");
    await bob.getByRole("button", { name: "Search" }).click();
    expect(await bob.getByLabel("Launch plan").isChecked()).toBe(true);
    expect(await bob.getByLabel("Salaries").isChecked()).toBe(false);
    await bob.getByRole("button", { name: "Allow access" }).click();
    await bob.locator("#result").waitFor();
    expect(await bob.locator("#result").textContent()).toBe("Connected to Quire Workspace");

    // 7. The app uses the official SDK with the token: the picked page, and 404 for one not picked.
    const bot = sdk(installed?.accessToken ?? "");
    expect((await bot.pages.retrieve({ page_id: roadmap.id })).id).toBe(roadmap.id);
    await expect(bot.pages.retrieve({ page_id: secret.id })).rejects.toMatchObject({
      code: "object_not_found",
      status: 404,
    });
    const me = await bot.users.me({});
    expect(me).toMatchObject({
      type: "bot",
      bot: { owner: { type: "user", user: { id: installed?.ownerId } } },
    });
    // Public integrations may create pages at the workspace level.
    const made = await bot.pages.create({
      parent: { type: "workspace", workspace: true },
      properties: { title: { title: [{ text: { content: "Made by Acme" } }] } },
    });
    expect((await bot.pages.retrieve({ page_id: made.id })).id).toBe(made.id);

    // 8. Bob sees the connection on the page; a tampered redirect is refused with a clear page.
    await bob.goto(`${quire.url}/pages/${roadmap.id}`);
    await bob.getByRole("heading", { name: "Connections" }).waitFor();
    expect(await bob.getByText("Acme Sync").count()).toBeGreaterThan(0);
    await bob.goto(
      connect.replace(encodeURIComponent(`${appUrl}/callback`), encodeURIComponent("https://evil.example/")),
    );
    expect(await bob.getByRole("alert").textContent()).toContain("is not one of the redirect URIs");
  });
});
