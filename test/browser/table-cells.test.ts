import { describe, expect, it } from "vitest";
import { addPerson } from "../../src/services/identity/account-service.ts";
import { chromiumRunnable, serverAndBrowser } from "./browser-suite.ts";
import { addRows, newTable } from "../contract/databases/fixtures.ts";

/** A table view's cells edit in place: a changed value is saved and seen through the API. */
const PASSWORD = "a long enough password";

describe.skipIf(!chromiumRunnable)("table cells in the browser", () => {
  const suite = serverAndBrowser();

  it("saves a number typed into a cell and a select chosen in another", async () => {
    const ws = await suite.server.workspace();
    const table = await newTable(ws, {
      Estimate: { number: {} },
      Stage: { select: { options: [{ name: "Doing" }, { name: "Done" }] } },
    });
    const rows = await addRows(table, { "Write the docs": { Estimate: { number: 1 } } });
    await addPerson(suite.server.ctx, {
      email: "cells-member@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const page = await (await suite.browser.newContext()).newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${suite.server.url}/sign-in`);
    await page.getByLabel("Email").fill("cells-member@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(`${suite.server.url}/pages/${table.databaseId}`);

    // Typing and leaving the cell saves it (the change event); the page reloads with the value.
    const estimate = page.getByLabel("Estimate of Write the docs");
    await estimate.fill("8");
    await Promise.all([page.waitForNavigation(), estimate.press("Tab")]);
    expect(await page.getByLabel("Estimate of Write the docs").inputValue()).toBe("8");
    await Promise.all([
      page.waitForNavigation(),
      page.getByLabel("Stage of Write the docs").selectOption("Done"),
    ]);
    expect(await page.getByLabel("Stage of Write the docs").inputValue()).toBe("Done");

    const row = (await table.client.pages.retrieve({
      page_id: rows["Write the docs"]?.id ?? "",
    })) as unknown as {
      properties: Record<string, { number?: number; select?: { name: string } }>;
    };
    expect(row.properties.Estimate?.number).toBe(8);
    expect(row.properties.Stage?.select?.name).toBe("Done");
    expect(errors).toEqual([]);
    await page.close();
  });
});
