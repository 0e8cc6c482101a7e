import { type DataSourceViewObjectResponse, isFullView } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson } from "../../../src/services/identity/account-service.ts";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { addRows, newTable } from "../databases/fixtures.ts";
import { webSignIn } from "./web-session.ts";

/** The web UI's view forms, posted as a browser without JavaScript posts them; checked through the API. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const PASSWORD = "a long enough password";

function full(view: unknown): DataSourceViewObjectResponse {
  if (!isFullView(view as Parameters<typeof isFullView>[0])) throw new Error("not a full view");
  return view as DataSourceViewObjectResponse;
}

describe("database views in the web UI", () => {
  it("creates, edits, reorders and deletes views; lists, galleries and calendars show the view's rows", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {
      Stage: { select: { options: [{ name: "Doing" }, { name: "Done" }] } },
      Due: { date: {} },
    });
    await addRows(table, {
      Alpha: { Stage: { select: { name: "Doing" } }, Due: { date: { start: "2025-03-02" } } },
      Beta: { Stage: { select: { name: "Done" } }, Due: { date: { start: "2025-03-01" } } },
    });
    await addPerson(server.ctx, {
      email: "web-views@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const user = await webSignIn(server, "web-views@example.com", PASSWORD);
    const path = `/pages/${table.databaseId}`;
    const viewIds = async () =>
      (await table.client.views.list({ database_id: table.databaseId })).results.map((v) => v.id);
    const [defaultId] = await viewIds();

    const created = await user.post(`${path}/views`, {
      data_source_id: table.dataSourceId,
      name: "Calendar",
      type: "calendar",
      group_by: "",
      date_property: table.dataSource.properties.Due?.id ?? "",
    });
    expect(created.status).toBe(303);
    const calendarId = /\?v=([0-9a-f-]{36})/.exec(created.location ?? "")?.[1] ?? "";
    expect(full(await table.client.views.retrieve({ view_id: calendarId }))).toMatchObject({
      type: "calendar",
      configuration: { type: "calendar", date_property_name: "Due" },
    });
    // A month grid: March 2025 starts on a Saturday, so its first week holds six empty days, then
    // each row sits in its day's cell.
    const calendar = await user.get(`${path}?v=${calendarId}&month=2025-03`);
    expect(calendar.text.indexOf('datetime="2025-03-01"')).toBeLessThan(
      calendar.text.indexOf('datetime="2025-03-02"'),
    );
    expect(calendar.text).toContain("March 2025");
    const firstWeek = calendar.text.slice(
      calendar.text.indexOf("<tbody>"),
      calendar.text.indexOf("</tr>", calendar.text.indexOf("<tbody>")),
    );
    expect(firstWeek.match(/class="outside"/g)).toHaveLength(6);
    const dayCell = (day: string) => {
      const at = calendar.text.indexOf(`datetime="${day}"`);
      return calendar.text.slice(at, calendar.text.indexOf("</td>", at));
    };
    expect(dayCell("2025-03-01")).toContain(">Beta<");
    expect(dayCell("2025-03-02")).toContain(">Alpha<");
    expect(dayCell("2025-03-03")).not.toContain("<li>");
    expect(calendar.text).toContain("month=2025-04");
    // Another month shows none of them; the grid opens on the server's month without one.
    const april = await user.get(`${path}?v=${calendarId}&month=2025-04`);
    expect(april.text).not.toContain(">Alpha<");
    const today = await user.get(`${path}?v=${calendarId}`);
    expect(today.text).toContain(`datetime="${new Date().toISOString().slice(0, 7)}-01"`);

    // A view's `url` opens it in the web UI; other single-segment paths stay not found.
    const { url } = full(await table.client.views.retrieve({ view_id: calendarId }));
    const opened = await user.get(url.slice(server.url.length));
    expect(opened.status).toBe(302);
    expect(opened.location).toBe(`${path}?v=${calendarId}`);
    const unknown = await user.get("/no-such-thing");
    expect(unknown.status).toBe((await user.get("/no-such/thing")).status);
    expect(unknown.text).toContain("invalid_request_url");

    // Rename, sort and filter the default view through its settings form.
    const saved = await user.post(`${path}/views/${defaultId}`, {
      name: "Doing first",
      sort_property: "Name",
      sort_direction: "descending",
      filter: JSON.stringify({ property: "Stage", select: { equals: "Doing" } }),
    });
    expect(saved.status).toBe(303);
    expect(full(await table.client.views.retrieve({ view_id: defaultId ?? "" }))).toMatchObject({
      name: "Doing first",
      sorts: [{ property: "Name", direction: "descending" }],
      filter: { property: "Stage", select: { equals: "Doing" } },
    });
    const filtered = await user.get(`${path}?v=${defaultId}`);
    expect(filtered.text).toContain("Alpha");
    expect(filtered.text).not.toContain(">Beta<");

    // A bad filter is refused with the API's message, and nothing changes.
    const refused = await user.post(`${path}/views/${defaultId}`, {
      name: "Broken",
      filter: JSON.stringify({ property: "Nope", select: { equals: "x" } }),
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Could not find property with name or id: Nope");
    expect(full(await table.client.views.retrieve({ view_id: defaultId ?? "" })).name).toBe("Doing first");

    // Reorder: the calendar moves before the default view; then it is deleted.
    await user.post(`${path}/views/${calendarId}/reorder`, { direction: "left" });
    expect(await viewIds()).toEqual([calendarId, defaultId]);
    await user.post(`${path}/views/${calendarId}/delete`, {});
    expect(await viewIds()).toEqual([defaultId]);

    // A gallery and a list show the same rows as cards and items.
    for (const type of ["gallery", "list"]) {
      const made = await user.post(`${path}/views`, { data_source_id: table.dataSourceId, name: type, type });
      const shown = await user.get(made.location ?? "");
      expect(shown.text).toContain(type === "gallery" ? 'class="gallery"' : 'class="view-list"');
      expect(shown.text).toContain("Beta");
    }
  });

  it("saves an edited table cell with its form, through the API's page update", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {
      Stage: { select: { options: [{ name: "Doing" }, { name: "Done" }] } },
      Estimate: { number: {} },
      Done: { checkbox: {} },
      Due: { date: {} },
      Notes: { rich_text: {} },
    });
    const rows = await addRows(table, { Row: { Done: { checkbox: true } } });
    const rowId = rows.Row?.id ?? "";
    await addPerson(server.ctx, {
      email: "web-cells@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const user = await webSignIn(server, "web-cells@example.com", PASSWORD);
    const path = `/pages/${table.databaseId}`;
    const [viewId] = (await table.client.views.list({ database_id: table.databaseId })).results.map(
      (v) => v.id,
    );
    const shown = await user.get(`${path}?v=${viewId}`);
    expect(shown.text).toContain('aria-label="Estimate of Row"');
    const id = (name: string) => table.dataSource.properties[name]?.id ?? "";
    const edit = (name: string, value: string | string[]) =>
      user.post(`${path}/views/${viewId}/cell`, { row_id: rowId, property_id: id(name), value });
    for (const [name, value] of [
      ["Stage", "Done"],
      ["Estimate", "3.5"],
      ["Done", "false"],
      ["Due", "2025-04-01"],
      ["Notes", "edited in a cell"],
    ] as const)
      expect((await edit(name, value)).status).toBe(303);
    const page = (await table.client.pages.retrieve({ page_id: rowId })) as unknown as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(page.properties.Stage?.select).toMatchObject({ name: "Done" });
    expect(page.properties.Estimate?.number).toBe(3.5);
    expect(page.properties.Done?.checkbox).toBe(false);
    expect(page.properties.Due?.date).toMatchObject({ start: "2025-04-01" });
    expect(page.properties.Notes?.rich_text).toMatchObject([{ plain_text: "edited in a cell" }]);
    // A value the property refuses is the API's error, and nothing changes.
    const refused = await edit("Estimate", "lots");
    expect(refused.status).toBe(400);
    expect(
      ((await table.client.pages.retrieve({ page_id: rowId })) as unknown as typeof page).properties.Estimate
        ?.number,
    ).toBe(3.5);
  });

  it("moves a card between board columns with its form", async () => {
    const ws = await server.workspace();
    const table = await newTable(ws, {
      Stage: { select: { options: [{ name: "Doing" }, { name: "Done" }] } },
    });
    const rows = await addRows(table, { Card: { Stage: { select: { name: "Doing" } } } });
    await addPerson(server.ctx, {
      email: "web-board@example.com",
      password: PASSWORD,
      workspaceId: ws.id,
      role: "member",
    });
    const user = await webSignIn(server, "web-board@example.com", PASSWORD);
    const path = `/pages/${table.databaseId}`;
    const made = await user.post(`${path}/views`, {
      data_source_id: table.dataSourceId,
      name: "Board",
      type: "board",
      group_by: table.dataSource.properties.Stage?.id ?? "",
    });
    const boardId = /\?v=([0-9a-f-]{36})/.exec(made.location ?? "")?.[1] ?? "";
    const board = await user.get(`${path}?v=${boardId}`);
    expect(board.text).toContain('aria-label="Doing"');
    const rowId = rows.Card?.id ?? "";
    const moved = await user.post(`${path}/views/${boardId}/move`, { row_id: rowId, value: "Done" });
    expect(moved.status).toBe(303);
    const page = await table.client.pages.retrieve({ page_id: rowId });
    expect(
      (page as { properties: Record<string, { select?: { name: string } }> }).properties.Stage?.select?.name,
    ).toBe("Done");
    await user.post(`${path}/views/${boardId}/move`, { row_id: rowId, value: "" });
    const cleared = await table.client.pages.retrieve({ page_id: rowId });
    expect(
      (cleared as { properties: Record<string, { select?: unknown }> }).properties.Stage?.select,
    ).toBeNull();
  });
});
