import { describe, expect, it } from "vitest";
import { addPerson } from "../../src/services/identity/account-service.ts";
import { applySeed } from "../../src/services/seed/apply-seed.ts";
import { DEMO_SEED } from "../../src/services/seed/demo-seed.ts";
import { readSeed } from "../../src/services/seed/seed-format.ts";
import { chromiumRunnable, serverAndBrowser } from "./browser-suite.ts";

/**
 * The "Done when" for the web UI: open the demo Tasks database, make it a board grouped by
 * status, drag a card to another column, and see the change through the API.
 */
const SHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;
const PASSWORD = "a long enough password";

describe.skipIf(!chromiumRunnable)("database views in the browser", () => {
  const suite = serverAndBrowser();

  it("shows the demo Tasks database as a board grouped by status; a dragged card changes its status", async () => {
    const ws = await suite.server.workspace();
    await applySeed(suite.server.ctx, { workspaceId: ws.id, ownerId: ws.ownerId }, readSeed(DEMO_SEED));
    await addPerson(suite.server.ctx, {
      email: "views-member@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const client = ws.client();
    const found = await client.search({
      query: "Tasks",
      filter: { property: "object", value: "data_source" },
    });
    const source = found.results.find(
      (r) => r.object === "data_source" && "title" in r && r.title[0]?.plain_text === "Tasks",
    );
    if (!source || source.object !== "data_source" || !("parent" in source))
      throw new Error("no demo Tasks data source");
    const databaseId = (source.parent as { database_id: string }).database_id;

    const page = await (await suite.browser.newContext({ viewport: { width: 1300, height: 900 } })).newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${suite.server.url}/sign-in`);
    await page.getByLabel("Email").fill("views-member@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.goto(`${suite.server.url}/pages/${databaseId}`);
    await page
      .getByRole("navigation", { name: "Views" })
      .getByRole("link", { name: /Default view/ })
      .waitFor();

    // A new board view, grouped by Status.
    await page.getByText("New view").click();
    const form = page.getByRole("form", { name: "New view" });
    await form.getByLabel("Name").fill("Board");
    await form.getByLabel("Type").selectOption("board");
    await form.getByLabel("Group by (board)").selectOption({ label: "Status" });
    await form.getByRole("button", { name: "Create view" }).click();
    const column = (name: string) => page.getByRole("region", { name, exact: true });
    await column("Not started").waitFor();
    const card = column("Not started").locator(".board-card", { hasText: "Sketch the app's screens" });
    expect(await card.count()).toBe(1);

    // Drag it to "In progress": the page reloads with the card there.
    await card.dragTo(column("In progress"));
    await column("In progress").locator(".board-card", { hasText: "Sketch the app's screens" }).waitFor();
    expect(
      await column("Not started").locator(".board-card", { hasText: "Sketch the app's screens" }).count(),
    ).toBe(0);
    if (process.env["QUIRE_SCREENSHOTS"] === "1")
      await page.screenshot({ path: `${SHOTS}database-board.png`, fullPage: true });

    // The API sees both the move and the view.
    const rows = await client.dataSources.query({
      data_source_id: source.id,
      filter: { property: "Task", title: { equals: "Sketch the app's screens" } },
    });
    const moved = rows.results[0] as
      { properties: Record<string, { status?: { name: string } }> } | undefined;
    expect(moved?.properties["Status"]?.status?.name).toBe("In progress");
    const views = await client.views.list({ database_id: databaseId });
    const board = await Promise.all(views.results.map((v) => client.views.retrieve({ view_id: v.id })));
    expect(board.find((v) => "name" in v && v.name === "Board")).toMatchObject({
      type: "board",
      configuration: { group_by: { type: "status", property_name: "Status" } },
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
