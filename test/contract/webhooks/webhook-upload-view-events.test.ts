import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepExpiredUploads } from "../../../src/services/files/cleanup.ts";
import { childPage, text, workspacePage } from "../helpers.ts";
import type { Received } from "./receiver.ts";
import { type WebhookTestServer, startWebhookServer } from "./webhook-server.ts";

let server: WebhookTestServer;
let files: Server;
let filesPort = 0;
beforeAll(async () => {
  server = await startWebhookServer();
  files = createServer((_req, res) => res.writeHead(404).end("missing"));
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  filesPort = (files.address() as AddressInfo).port;
});
afterAll(async () => {
  files.closeAllConnections();
  await new Promise((resolve) => files.close(resolve));
  await server.close();
});

const of = (subscriptionId: string) => (r: Received) => r.json.subscription_id === subscriptionId;
const summary = (r: Received) => [r.json.type, (r.json.entity as { id: string }).id, r.json.data];

describe("file_upload events", () => {
  it("sends created, completed, upload_failed and expired to the creating integration only", async () => {
    const ws = await server.workspace();
    const token = await ws.integration("Uploader");
    await ws.integration("Bystander");
    const uploads = [
      "file_upload.created",
      "file_upload.completed",
      "file_upload.expired",
      "file_upload.upload_failed",
    ];
    const mine = await server.subscribe(ws, "Uploader", { eventTypes: uploads });
    const theirs = await server.subscribe(ws, "Bystander", { eventTypes: [...uploads, "page.created"] });
    const bot = ws.client(token);
    const botUser = await bot.users.me({});

    const sent = await bot.fileUploads.create({ filename: "note.txt", content_type: "text/plain" });
    await bot.fileUploads.send({
      file_upload_id: sent.id,
      file: { filename: "note.txt", data: new Blob(["hi"]) },
    });
    server.ctx.allowPrivateNetwork = true;
    const missing = await bot.fileUploads
      .create({
        mode: "external_url",
        external_url: `http://127.0.0.1:${filesPort}/x.csv`,
        filename: "x.csv",
      })
      .finally(() => {
        server.ctx.allowPrivateNetwork = undefined;
      });
    const failed = await server.receiver.waitFor(
      (r) => of(mine.id)(r) && r.json.type === "file_upload.upload_failed",
    );
    const lapsing = await bot.fileUploads.create({ filename: "late.txt", content_type: "text/plain" });
    // Two hours on: the sweep finds the unsent upload lapsed (the sent one was never attached either).
    const realClock = server.ctx.clock;
    server.ctx.clock = () => new Date(Date.now() + 2 * 3600_000);
    try {
      await sweepExpiredUploads(server.ctx, true);
    } finally {
      server.ctx.clock = realClock;
    }
    const got = await server.receiver.waitFor(
      (r) => of(mine.id)(r) && r.json.type === "file_upload.expired",
      2,
    );
    const all = server.receiver.received.filter(of(mine.id));
    expect(all.map(summary)).toEqual([
      ["file_upload.created", sent.id, undefined],
      ["file_upload.completed", sent.id, undefined],
      ["file_upload.created", missing.id, undefined],
      [
        "file_upload.upload_failed",
        missing.id,
        {
          file_import_result: {
            imported_time: expect.any(String),
            type: "error",
            error: expect.objectContaining({ type: "download_error", status_code: 404 }),
          },
        },
      ],
      ["file_upload.created", lapsing.id, undefined],
      ...got.map((r) => ["file_upload.expired", (r.json.entity as { id: string }).id, undefined]),
    ]);
    expect(new Set(got.map((r) => (r.json.entity as { id: string }).id))).toEqual(
      new Set([sent.id, lapsing.id]),
    );
    expect(failed[0]?.json.authors).toEqual([{ id: botUser.id, type: "bot" }]);
    expect(Object.keys(failed[0]?.json ?? {})).not.toContain("accessible_by");
    expect(all[0]?.json.entity).toEqual({ id: sent.id, type: "file_upload" });
    expect("data" in (all[0]?.json ?? {})).toBe(false);

    // The other integration can't see those uploads: it got none of their events.
    const owner = ws.client();
    const marker = await owner.pages.create({
      parent: { workspace: true },
      properties: { title: { title: text("marker") } },
    });
    await ws.share("Bystander", marker.id);
    await childPage(owner, marker.id, "after uploads");
    await server.receiver.waitFor((r) => of(theirs.id)(r) && r.json.type === "page.created");
    expect(server.receiver.received.filter(of(theirs.id)).map((r) => r.json.type)).toEqual(["page.created"]);
  });
});

describe("view events", () => {
  it("sends view.created, view.updated with the changed fields and view.deleted, for reachable databases", async () => {
    const ws = await server.workspace();
    const owner = ws.client();
    const root = await workspacePage(owner, "Root");
    const shared = await childPage(owner, root.id, "Shared");
    const hidden = await childPage(owner, root.id, "Hidden");
    await ws.integration("Viewer");
    await ws.share("Viewer", shared.id);
    const views = ["view.created", "view.updated", "view.deleted"];
    const fresh = await server.subscribe(ws, "Viewer", { eventTypes: views });
    const makeDatabase = async (parent: string) => {
      const db = await owner.databases.create({
        parent: { type: "page_id", page_id: parent },
        title: text("Tasks"),
        initial_data_source: { properties: { Name: { title: {} }, Done: { checkbox: {} } } },
      });
      return { id: db.id, sourceId: (db as { data_sources: { id: string }[] }).data_sources[0]?.id ?? "" };
    };
    const unseen = await makeDatabase(hidden.id);
    await owner.views.create({ data_source_id: unseen.sourceId, name: "Unseen", type: "table" });
    const database = await makeDatabase(shared.id);
    const view = await owner.views.create({
      data_source_id: database.sourceId,
      name: "Board",
      type: "board",
    });
    await owner.views.update({
      view_id: view.id,
      name: "Renamed",
      filter: { property: "Done", checkbox: { equals: true } } as never,
    });
    await owner.views.update({ view_id: view.id, name: "Renamed" });
    await owner.views.delete({ view_id: view.id });
    const got = await server.receiver.waitFor(of(fresh.id), 3);
    const parent = { id: database.id, type: "database", data_source_id: database.sourceId };
    // The unseen database's view came first; an update that changes nothing sends nothing.
    expect(got.map(summary)).toEqual([
      ["view.created", view.id, { parent, view_type: "board" }],
      ["view.updated", view.id, { parent, updated_fields: ["name", "filter"] }],
      ["view.deleted", view.id, { parent }],
    ]);
    expect(got[0]?.json.entity).toEqual({ id: view.id, type: "view" });
  });
});
