import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";

const executablePath = process.env["QUIRE_CHROMIUM"] ?? "/usr/bin/chromium";

/** Whether a browser suite runs: Chromium is here, or CI is, where its absence must fail, not skip. */
export const chromiumRunnable = existsSync(executablePath) || /^(true|1)$/i.test(process.env["CI"] ?? "");

/**
 * Inside a `describe`: one Quire server and one headless Chromium for the suite, closed after it. The
 * getters are read in the tests, after `beforeAll` has set them.
 */
export function serverAndBrowser(): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(executablePath))
      throw new Error(`Chromium not found at ${executablePath}; set QUIRE_CHROMIUM`);
    server = await startTestServer();
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server as TestServer;
    },
    get browser() {
      return browser as Browser;
    },
  };
}
