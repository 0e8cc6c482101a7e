import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HARNESS_TOKEN, type HarnessServer, startHarnessServer } from "../support/harness-server.ts";
import { text, workspacePage } from "../contract/helpers.ts";

/** The live request log page in a real browser (Debian's Chromium; `QUIRE_CHROMIUM` to point elsewhere). */
const executablePath = process.env["QUIRE_CHROMIUM"] ?? "/usr/bin/chromium";
// Skipped (and reported as skipped) on a machine without Chromium; CI installs it and fails without it.
const runnable = existsSync(executablePath) || /^(true|1)$/i.test(process.env["CI"] ?? "");

let server: HarnessServer;
let browser: Browser;
beforeAll(async () => {
  if (!existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath}; set QUIRE_CHROMIUM`);
  server = await startHarnessServer();
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!runnable)("the request log page", () => {
  beforeAll(async () => {
    if (!existsSync(executablePath))
      throw new Error(`Chromium not found at ${executablePath}; set QUIRE_CHROMIUM`);
    server = await startHarnessServer();
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  });
  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it("shows matching requests as they arrive, with their bodies as text", async () => {
    const ws = await server.workspace();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${server.url}/__quire/requests/ui?token=${HARNESS_TOKEN}&method=POST&path=/v1/pages`);
    await expect.poll(() => page.locator("#status").textContent()).toBe("live");

    const client = ws.client();
    const hostile = "<img src=x onerror=window.pwned=1>";
    await client.users.me({});
    const created = await client.pages.create({
      parent: { page_id: (await workspacePage(client)).id },
      properties: { title: { title: text(hostile) } },
    });
    const rows = page.locator("#rows tr.row");
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator("#rows").textContent()).not.toContain("/v1/users/me");
    const newest = rows.first();
    expect(await newest.textContent()).toContain("POST/v1/pages200");

    await newest.click();
    const details = page.locator("#rows pre");
    await expect.poll(() => details.count()).toBe(3);
    expect(await details.nth(2).textContent()).toContain(created.id);
    expect(await details.nth(1).textContent()).toContain(hostile);
    expect(await page.evaluate("'pwned' in window")).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
