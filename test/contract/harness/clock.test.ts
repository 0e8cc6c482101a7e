import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type HarnessServer, startHarnessServer } from "../../support/harness-server.ts";
import { newTable, addRow } from "../databases/fixtures.ts";
import { fullPage, text } from "../helpers.ts";

let server: HarnessServer;
beforeAll(async () => {
  server = await startHarnessServer();
});
afterEach(() => {
  server.clock.reset();
});
afterAll(async () => {
  await server.close();
});

interface ClockState {
  object: string;
  now: string;
  frozen: boolean;
}

async function setClock(body: Record<string, unknown>): Promise<ClockState> {
  const response = await server.harness("clock", { body });
  expect(response.status).toBe(200);
  return (await response.json()) as ClockState;
}

describe("the harness clock", () => {
  it("needs the harness token", async () => {
    const missing = await server.harness("clock", { token: null });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ object: "error", code: "unauthorized" });
    expect((await server.harness("clock", { token: "wrong" })).status).toBe(401);
    const ok = (await (await server.harness("clock")).json()) as ClockState;
    expect(ok).toMatchObject({ object: "clock", frozen: false });
  });

  it("freezes, advances by milliseconds or ISO durations, resumes and resets", async () => {
    expect(await setClock({ action: "freeze", at: "2024-03-13T15:00:00Z" })).toEqual({
      object: "clock",
      now: "2024-03-13T15:00:00.000Z",
      frozen: true,
    });
    expect((await setClock({ action: "advance", by_ms: 1500 })).now).toBe("2024-03-13T15:00:01.500Z");
    expect((await setClock({ action: "advance", by: "P1DT2H" })).now).toBe("2024-03-14T17:00:01.500Z");
    expect((await setClock({ action: "advance", by: "-PT1.5S" })).now).toBe("2024-03-14T17:00:00.000Z");
    const resumed = await setClock({ action: "resume" });
    expect(resumed.frozen).toBe(false);
    expect(Date.parse(resumed.now)).toBeGreaterThanOrEqual(Date.parse("2024-03-14T17:00:00.000Z"));
    expect(Date.parse(resumed.now)).toBeLessThan(Date.parse("2024-03-15T00:00:00.000Z"));
    const reset = await setClock({ action: "reset" });
    expect(reset.frozen).toBe(false);
    expect(Math.abs(Date.parse(reset.now) - Date.now())).toBeLessThan(60_000);
  });

  it("rejects bad input with Notion's validation errors", async () => {
    for (const body of [
      { action: "stop" },
      { action: "freeze", at: "yesterday" },
      { action: "advance", by: "1 hour" },
      { action: "advance", by_ms: "10" },
    ]) {
      const response = await server.harness("clock", { body });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ object: "error", code: "validation_error" });
    }
  });

  it("stamps created_time and last_edited_time from the frozen clock", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    await setClock({ action: "freeze", at: "2024-03-13T15:00:00Z" });
    const page = fullPage(
      await client.pages.create({
        parent: { workspace: true },
        properties: { title: { title: text("Then") } },
      }),
    );
    expect(page.created_time).toBe("2024-03-13T15:00:00.000Z");
    await setClock({ action: "advance", by: "PT1H" });
    const edited = fullPage(await client.pages.update({ page_id: page.id, icon: { emoji: "⏰" } }));
    expect(edited.created_time).toBe("2024-03-13T15:00:00.000Z");
    expect(edited.last_edited_time).toBe("2024-03-13T16:00:00.000Z");
  });

  it("answers relative date filters as of the frozen clock", async () => {
    const ws = await server.workspace();
    await setClock({ action: "freeze", at: "2024-02-20T12:00:00Z" });
    const table = await newTable(ws, { When: { date: {} } });
    await addRow(table, "February", { When: { date: { start: "2024-02-21" } } });
    await setClock({ action: "freeze", at: "2024-03-12T12:00:00Z" });
    await addRow(table, "March", { When: { date: { start: "2024-03-14" } } });
    await setClock({ action: "freeze", at: "2024-03-13T15:00:00Z" });

    const names = async (filter: Record<string, unknown>) => {
      const { results } = await table.client.dataSources.query({
        data_source_id: table.dataSourceId,
        filter: filter as never,
      });
      return results
        .map((row) => ("properties" in row ? JSON.stringify(row.properties["Name"]) : ""))
        .map((json) => /"plain_text":"([^"]*)"/.exec(json)?.[1])
        .sort();
    };
    const createdPastWeek = { timestamp: "created_time", created_time: { past_week: {} } };
    expect(await names(createdPastWeek)).toEqual(["March"]);
    expect(await names({ property: "When", date: { this_week: {} } })).toEqual(["March"]);
    expect(await names({ property: "When", date: { next_week: {} } })).toEqual(["March"]);

    await setClock({ action: "advance", by: "P7D" });
    expect(await names(createdPastWeek)).toEqual([]);
    expect(await names({ property: "When", date: { this_week: {} } })).toEqual([]);
    await setClock({ action: "advance", by: "-P29D" });
    expect(await names({ property: "When", date: { next_week: {} } })).toEqual(["February"]);
  });

  it("keeps tokens working wherever time moves", async () => {
    const ws = await server.workspace();
    const botToken = await ws.integration("Time Traveller");
    await setClock({ action: "freeze", at: "1999-12-31T23:59:59Z" });
    expect((await ws.client().users.me({})).object).toBe("user");
    expect((await ws.client(botToken).users.me({})).type).toBe("bot");
    await setClock({ action: "advance", by: "P40Y" });
    expect((await ws.client().users.me({})).object).toBe("user");
    const later = await ws.integration("Born Later");
    expect((await ws.client(later).users.me({})).type).toBe("bot");
    await setClock({ action: "reset" });
    expect((await ws.client(later).users.me({})).type).toBe("bot");
  });
});
