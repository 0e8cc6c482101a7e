import { describe, expect, it } from "vitest";
import type { Quire } from "../../../src/testing/index.ts";
import { NOT_FOUND, PROJECTS_SEED, codeOf, quiet, start } from "./support.ts";

/** A call to the harness API with its token (or another, or none). */
async function harness(
  quire: Quire,
  method: string,
  path: string,
  body?: unknown,
  init: { token?: string | null; contentType?: string } = {},
) {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? quire.harnessToken : init.token;
  if (token) headers["authorization"] = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = init.contentType ?? "application/json";
  const response = await fetch(`${quire.url}/__quire${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("harness API: reset, seed, snapshots", () => {
  it("refuses calls without the harness token, and is absent unless enabled", async () => {
    const quire = await start();
    expect((await harness(quire, "POST", "/reset", undefined, { token: null })).status).toBe(401);
    const wrong = await harness(quire, "POST", "/reset", undefined, { token: quire.token });
    expect(wrong.body).toMatchObject({ object: "error", code: "unauthorized" });
    const off = await start({ harness: false });
    expect(off.harnessToken).toBeUndefined();
    const response = await fetch(`${off.url}/__quire/reset`, { method: "POST" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid_request_url" });
  });

  it("seeds from JSON and from YAML, answering with the ids by key", async () => {
    const quire = await start();
    const notion = quiet(quire);
    const json = await harness(quire, "POST", "/seed", PROJECTS_SEED);
    expect(json.status).toBe(200);
    const ids = json.body["ids"] as Record<string, string>;
    const dataSources = json.body["data_sources"] as Record<string, string>;
    const rows = await notion.dataSources.query({ data_source_id: dataSources["tasks"] as string });
    expect(rows.results.map((r) => r.id).sort()).toEqual([ids["t1"], ids["t2"]].sort());
    expect((json.body["integrations"] as Record<string, string>)["Bot"]).toBe(
      PROJECTS_SEED.integrations[0]?.token,
    );

    const yaml = await harness(quire, "POST", "/seed", "pages:\n  - key: notes\n    title: Notes\n", {
      contentType: "application/yaml",
    });
    expect(yaml.status).toBe(200);
    const notes = await notion.pages.retrieve({
      page_id: (yaml.body["ids"] as Record<string, string>)["notes"] as string,
    });
    expect(notes.object).toBe("page");
  });

  it("answers a bad seed with a validation error naming each path, and changes nothing", async () => {
    const quire = await start();
    const bad = await harness(quire, "POST", "/seed", {
      pages: [{ key: "a", title: "A", colour: "red" }],
      databases: [
        { title: "T", properties: { Name: "title", Link: { type: "relation", database: "nope" } } },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ object: "error", code: "validation_error" });
    expect(bad.body["message"]).toContain("pages[0].colour: unknown field");
    expect(bad.body["message"]).toContain(
      'databases[0].properties.Link.database: no database has the key "nope"',
    );
    const yaml = await harness(quire, "POST", "/seed", "pages: [", { contentType: "text/yaml" });
    expect(yaml.body["message"]).toMatch(/body is not valid YAML or JSON/);
    // Well formed, but a block the API refuses: what the seed did before that point is undone.
    const refused = await harness(quire, "POST", "/seed", {
      users: [{ name: "Ana" }],
      pages: [{ title: "A", content: ["fine", { heading_1: { text: 5 } }] }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body["message"]).toMatch(
      /^Invalid seed:\n {2}- pages\[0\]\.content: body failed validation/,
    );
    const users = await quiet(quire).users.list({});
    expect(users.results.map((u) => u.name)).not.toContain("Ana");
  });

  it("resets to the baseline, optionally seeding the fresh state, and lets the clock run", async () => {
    const quire = await start();
    const notion = quiet(quire);
    quire.clock.freeze();
    const page = await notion.pages.create({ parent: { workspace: true } });
    const reset = await harness(quire, "POST", "/reset");
    expect(reset).toEqual({ status: 200, body: { object: "reset", ok: true } });
    expect(await codeOf(notion.pages.retrieve({ page_id: page.id }))).toBe(NOT_FOUND);
    expect(quire.clock.frozen).toBe(false);
    const seeded = await harness(quire, "POST", "/reset", {
      seed: { pages: [{ key: "fresh", title: "Fresh" }] },
    });
    const freshId = ((seeded.body["seed"] as Record<string, unknown>)["ids"] as Record<string, string>)[
      "fresh"
    ];
    expect((await notion.pages.retrieve({ page_id: freshId as string })).id).toBe(freshId);
  });

  it("saves, lists, restores and deletes snapshots", async () => {
    const quire = await start();
    const notion = quiet(quire);
    const kept = await notion.pages.create({ parent: { workspace: true } });
    const saved = await harness(quire, "POST", "/snapshots", { name: "before-test" });
    expect(saved.body).toMatchObject({ object: "snapshot", name: "before-test" });
    const later = await notion.pages.create({ parent: { workspace: true } });
    await notion.pages.update({ page_id: kept.id, in_trash: true });
    const list = await harness(quire, "GET", "/snapshots");
    expect((list.body["results"] as { name: string }[]).map((s) => s.name)).toEqual(["before-test"]);
    expect((await harness(quire, "POST", "/snapshots/before-test/restore")).status).toBe(200);
    expect(await codeOf(notion.pages.retrieve({ page_id: later.id }))).toBe(NOT_FOUND);
    const back = await notion.pages.retrieve({ page_id: kept.id });
    expect("in_trash" in back && back.in_trash).toBe(false);
    expect((await harness(quire, "DELETE", "/snapshots/before-test")).status).toBe(200);
    const missing = await harness(quire, "POST", "/snapshots/before-test/restore");
    expect(missing).toMatchObject({ status: 404, body: { code: "object_not_found" } });
    const badName = await harness(quire, "POST", "/snapshots", { name: "../etc" });
    expect(badName).toMatchObject({ status: 400, body: { code: "validation_error" } });
  });
});
