import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APIErrorCode } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { type Served, client, codeOf, databaseFlags, kill, quire, start, tokenIn } from "./run-cli.ts";

function seedFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "quire-cli-seed-")), "seed.yaml");
  writeFileSync(file, text);
  return file;
}

describe("quire CLI: demo content, seed, snapshots, harness", () => {
  it("shows demo content in a new workspace, once", async () => {
    const flags = await databaseFlags();
    const first = await start(flags);
    const line = first.lines.find((l) => l.startsWith("Added demo content"));
    const welcomeId = /\(([0-9a-f-]{36})\)/.exec(line ?? "")?.[1];
    expect(welcomeId).toBeDefined();
    const notion = client(first.url, tokenIn(first.lines) as string);
    const welcome = await notion.pages.retrieve({ page_id: welcomeId as string });
    expect(welcome.object).toBe("page");
    const blocks = await notion.blocks.children.list({ block_id: welcomeId as string });
    const types = new Set(blocks.results.map((b) => ("type" in b ? b.type : "")));
    for (const type of ["paragraph", "callout", "heading_2", "code", "to_do", "toggle", "child_page"]) {
      expect(types).toContain(type);
    }
    await kill(first);
    const second = await start(flags);
    expect(second.lines.some((l) => l.startsWith("Added demo content"))).toBe(false);
  });

  it("seeds from a file and saves and restores snapshots next to a running server", async () => {
    const flags = await databaseFlags();
    const served = await start([...flags, "--no-demo"]);
    const notion = client(served.url, tokenIn(served.lines) as string);
    const file = seedFile("pages:\n  - key: plan\n    title: Plan\n    content: ['# Goals', '- [ ] ship']\n");
    const seeded = await quire(["seed", file, ...flags]);
    const planId = /^ {2}plan: (\S+)$/.exec(seeded.find((l) => l.includes("plan:")) ?? "")?.[1];
    expect((await notion.pages.retrieve({ page_id: planId as string })).id).toBe(planId);
    expect(await quire(["snapshot", "save", "seeded", ...flags])).toEqual(['Saved snapshot "seeded".']);
    expect((await quire(["snapshot", "list", ...flags]))[0]).toMatch(/^seeded\t\d{4}-\d\d-\d\dT/);
    const later = await notion.pages.create({ parent: { page_id: planId as string } });
    await quire(["snapshot", "restore", "seeded", ...flags]);
    expect(await codeOf(notion.pages.retrieve({ page_id: later.id }))).toBe(APIErrorCode.ObjectNotFound);
    expect((await notion.pages.retrieve({ page_id: planId as string })).id).toBe(planId);
  });

  it("fails on a bad seed file naming the path, and on an unknown snapshot", async () => {
    const flags = await databaseFlags();
    const file = seedFile("databases:\n  - title: T\n    properties: { Name: title, Due: dat }\n");
    await expect(quire(["seed", file, ...flags])).rejects.toThrow(
      /databases\[0\]\.properties\.Due: unknown property type "dat"/,
    );
    await expect(quire(["snapshot", "restore", "nope", ...flags])).rejects.toThrow(
      /Could not find snapshot named "nope"/,
    );
  });

  it("serve --harness prints the harness token (or takes QUIRE_HARNESS_TOKEN) and resets, keeping the owner's token", async () => {
    const flags = await databaseFlags();
    const previous = process.env["QUIRE_HARNESS_TOKEN"];
    process.env["QUIRE_HARNESS_TOKEN"] = "fixed-harness-token";
    let served: Served;
    try {
      served = await start([...flags, "--harness"]);
    } finally {
      if (previous === undefined) delete process.env["QUIRE_HARNESS_TOKEN"];
      else process.env["QUIRE_HARNESS_TOKEN"] = previous;
    }
    expect(served.lines).toContain("Harness token: fixed-harness-token");
    expect(served.lines.some((l) => l.startsWith("Added demo content"))).toBe(false);
    const token = tokenIn(served.lines) as string;
    const notion = client(served.url, token);
    const page = await notion.pages.create({ parent: { workspace: true } });
    const denied = await fetch(`${served.url}/__quire/reset`, { method: "POST" });
    expect(denied.status).toBe(401);
    const reset = await fetch(`${served.url}/__quire/reset`, {
      method: "POST",
      headers: { "x-quire-harness-token": "fixed-harness-token" },
    });
    expect(await reset.json()).toEqual({ object: "reset", ok: true });
    expect(await codeOf(notion.pages.retrieve({ page_id: page.id }))).toBe(APIErrorCode.ObjectNotFound);
    expect((await notion.users.me({})).type).toBe("person");
  });

  it("serve without --harness has no harness API", async () => {
    const served = await start([...(await databaseFlags()), "--no-demo"]);
    const response = await fetch(`${served.url}/__quire/reset`, { method: "POST" });
    expect((await response.json()) as unknown).toMatchObject({ code: "invalid_request_url" });
    expect(served.lines.some((l) => l.startsWith("Added demo content"))).toBe(false);
  });
});
