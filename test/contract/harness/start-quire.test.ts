import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LogLevel } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { SeedError } from "../../../src/testing/index.ts";
import { NOT_FOUND, PROJECTS_SEED, codeOf, quiet, start } from "./support.ts";

function propertyOf(page: unknown, name: string): Record<string, unknown> {
  return (page as { properties: Record<string, Record<string, unknown>> }).properties[name] ?? {};
}

describe("startQuire", () => {
  it("serves the owner's token and applies a seed through the API's own rules", async () => {
    const quire = await start({ seed: PROJECTS_SEED });
    const notion = quiet(quire);
    const me = await notion.users.me({});
    expect(me.type).toBe("person");
    const { ids, dataSources } = quire.seeded;
    const tasks = await notion.dataSources.query({
      data_source_id: dataSources["tasks"] as string,
      filter: { property: "Priority", select: { equals: "High" } },
    });
    expect(tasks.results.map((r) => r.id)).toEqual([ids["t1"]]);
    const task = tasks.results[0];
    expect(propertyOf(task, "Label")["formula"]).toEqual({ type: "string", string: "Write!" });
    expect(propertyOf(task, "Owner")["people"]).toEqual([
      expect.objectContaining({ id: quire.seeded.users["ana"] }),
    ]);
    // The dual relation's twin and the rollup over it are computed by Quire.
    const project = await notion.pages.retrieve({ page_id: ids["launch"] as string });
    expect(propertyOf(project, "Done")["rollup"]).toMatchObject({ type: "number", number: 0.5 });
    const blocks = await notion.blocks.children.list({ block_id: ids["shared"] as string });
    expect(blocks.results.map((b) => ("type" in b ? b.type : ""))).toEqual([
      "heading_1",
      "bulleted_list_item",
      "toggle",
      "link_to_page",
      "child_database",
    ]);
  });

  it("gives a seeded integration its fixed token and only what was shared with it", async () => {
    const quire = await start({ seed: PROJECTS_SEED });
    const bot = quiet(quire, PROJECTS_SEED.integrations[0]?.token);
    expect((await bot.pages.retrieve({ page_id: quire.seeded.ids["shared"] as string })).id).toBe(
      quire.seeded.ids["shared"],
    );
    expect(await codeOf(bot.pages.retrieve({ page_id: quire.seeded.ids["private"] as string }))).toBe(
      NOT_FOUND,
    );
  });

  it("resets to the state right after start: seeded ids and tokens stay, later changes go", async () => {
    const quire = await start({ seed: PROJECTS_SEED });
    const notion = quiet(quire);
    const created = await notion.pages.create({ parent: { page_id: quire.seeded.ids["shared"] as string } });
    await notion.pages.update({ page_id: quire.seeded.ids["private"] as string, in_trash: true });
    const lateBot = await quire.integration("Late bot", { share: [quire.seeded.ids["shared"] as string] });
    await quire.reset();
    expect(await codeOf(notion.pages.retrieve({ page_id: created.id }))).toBe(NOT_FOUND);
    const restored = await notion.pages.retrieve({ page_id: quire.seeded.ids["private"] as string });
    expect("in_trash" in restored && restored.in_trash).toBe(false);
    // The token cache must not keep a dropped integration alive.
    expect(await codeOf(quiet(quire, lateBot).users.me({}))).toBe("unauthorized");
    expect((await quiet(quire, PROJECTS_SEED.integrations[0]?.token).users.me({})).type).toBe("bot");
  });

  it("saves and restores snapshots, and seeds on top of the current state", async () => {
    const quire = await start();
    const notion = quiet(quire);
    const before = await notion.pages.create({ parent: { workspace: true } });
    await quire.snapshot("first");
    const more = await quire.seed({ pages: [{ key: "extra", title: "Extra" }] });
    expect((await notion.pages.retrieve({ page_id: more.ids["extra"] as string })).id).toBe(
      more.ids["extra"],
    );
    await quire.restore("first");
    expect(await codeOf(notion.pages.retrieve({ page_id: more.ids["extra"] as string }))).toBe(NOT_FOUND);
    expect((await notion.pages.retrieve({ page_id: before.id })).id).toBe(before.id);
  });

  it("keeps two instances apart", async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const page = await quiet(a!).pages.create({ parent: { workspace: true } });
    expect(await codeOf(quiet(b!).pages.retrieve({ page_id: page.id }))).toBe(NOT_FOUND);
    expect(await codeOf(quiet(b!, a!.token).users.me({}))).toBe("unauthorized");
    await b!.reset();
    expect((await quiet(a!).pages.retrieve({ page_id: page.id })).id).toBe(page.id);
  });

  it("timestamps follow its clock, and reset lets the clock run again", async () => {
    const quire = await start();
    quire.clock.freeze(new Date("2030-01-02T03:04:00.000Z"));
    const page = await quiet(quire).pages.create({ parent: { workspace: true } });
    expect("created_time" in page && page.created_time).toBe("2030-01-02T03:04:00.000Z");
    await quire.reset();
    expect(quire.clock.frozen).toBe(false);
  });

  it("injects faults the SDK retries through, logs every request, and reset clears both", async () => {
    const quire = await start();
    quire.fault({ method: "GET", path: "/v1/users/me", action: "rate_limited", retry_after: 0, times: 2 });
    const retrying = quire.client({
      logLevel: LogLevel.ERROR,
      retry: { maxRetries: 2, initialRetryDelayMs: 1 },
    });
    expect((await retrying.users.me({})).object).toBe("user");
    expect(quire.requests().map((r) => [r.path, r.status, r.fault !== null])).toEqual([
      ["/v1/users/me", 429, true],
      ["/v1/users/me", 429, true],
      ["/v1/users/me", 200, false],
    ]);
    quire.fault({ path: "/v1/users/me", action: "service_unavailable", times: null });
    await quire.reset();
    expect(quire.requests()).toEqual([]);
    expect(await codeOf(quiet(quire).users.me({}))).toBe("ok");
    expect(() => quire.fault({ path: "users/me", action: "rate_limited" })).toThrow(/body\.path/);
  });

  it("keeps search right across reset and restore", async () => {
    const quire = await start({ seed: { pages: [{ key: "kept", title: "Kept harbour" }] } });
    const titles = async (query: string) => (await quiet(quire).search({ query })).results.map((r) => r.id);
    const later = await quiet(quire).pages.create({
      parent: { workspace: true },
      properties: { title: { title: [{ text: { content: "Later harbour" } }] } },
    });
    await quire.snapshot("two");
    expect(await titles("harbour")).toHaveLength(2);
    await quire.reset();
    expect(await titles("harbour")).toEqual([quire.seeded.ids["kept"]]);
    await quire.restore("two");
    expect((await titles("harbour")).sort()).toEqual([quire.seeded.ids["kept"], later.id].sort());
  });

  it("reads a YAML seed file and rejects a bad one naming the path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "quire-seed-"));
    writeFileSync(join(dir, "good.yaml"), "pages:\n  - key: home\n    title: Home\n    content: [hello]\n");
    writeFileSync(
      join(dir, "bad.yaml"),
      "pages:\n  - title: Home\n    content: [{ heading_1: { text: 5, colour: red } }]\n",
    );
    const quire = await start({ seed: join(dir, "good.yaml") });
    const blocks = await quiet(quire).blocks.children.list({ block_id: quire.seeded.ids["home"] as string });
    expect(blocks.results).toHaveLength(1);
    const error = await quire.seed(join(dir, "bad.yaml")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).message).toMatch(/pages\[0\]\.content: body failed validation/);
    await expect(start({ seed: join(dir, "missing.yaml") })).rejects.toThrow(/cannot read seed file/);
  });
});
