import { verifyWebhookSignature } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Receiver, startReceiver } from "../contract/webhooks/receiver.ts";
import { testDialect } from "../support/test-database.ts";
import { client, databaseFlags, kill, quire, serve, start } from "./run-cli.ts";

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

// The receiver listens on 127.0.0.1, which the SSRF rule refuses unless allowed.
const SCHEDULE = [
  "--allow-private-network",
  "--webhook-retry-schedule-ms",
  "200,400,800,1600,3200,6400,12800",
];
const title = (content: string) => ({ title: { title: [{ text: { content } }] } });
const entityOf = (r: { json: Record<string, unknown> }) => (r.json.entity as { id?: string } | undefined)?.id;

/** `quire webhook create` then `verify` with the token the receiver got; returns the subscription id and token. */
async function subscribe(flags: string[], integration: string, extra: string[] = []) {
  const before = receiver.received.length;
  const lines = await quire([
    "webhook",
    "create",
    "--integration",
    integration,
    "--url",
    receiver.url,
    ...extra,
    ...flags,
  ]);
  const created = JSON.parse(lines.at(-1) ?? "") as { id: string; status: string; event_types: string[] };
  expect(created.status).toBe("pending_verification");
  const [handshake] = await receiver.waitFor(
    (r) => "verification_token" in r.json && receiver.received.indexOf(r) >= before,
  );
  const token = String(handshake?.json.verification_token);
  const verified = JSON.parse(
    (await quire(["webhook", "verify", created.id, token, ...flags])).at(-1) ?? "",
  ) as {
    status: string;
  };
  expect(verified.status).toBe("active");
  return { id: created.id, token, eventTypes: created.event_types };
}

describe("quire webhook …", () => {
  it("creates, verifies, lists and deletes; events arrive signed; a write acknowledged before kill -9 is delivered after restart", async () => {
    const flags = await databaseFlags();
    await quire(["integration", "create", "--name", "Hooks", ...flags]);
    let served = await serve([...flags, "--no-demo", "--webhook-window-ms", "0", ...SCHEDULE]);
    try {
      const owner = client(served.url, (await quire(["token", ...flags])).at(-1) as string);
      const root = await owner.pages.create({ parent: { workspace: true }, properties: title("Root") });
      await quire(["share", "Hooks", root.id, ...flags]);
      const { id, token, eventTypes } = await subscribe(flags, "Hooks");
      expect(eventTypes).toContain("comment.created");
      expect(eventTypes).toContain("data_source.schema_updated");
      const listed = JSON.parse((await quire(["webhook", "list", ...flags])).at(-1) ?? "") as {
        id: string;
      }[];
      expect(listed.map((s) => s.id)).toEqual([id]);

      const page = await owner.pages.create({ parent: { page_id: root.id }, properties: title("Hello") });
      const [event] = await receiver.waitFor((r) => entityOf(r) === page.id);
      expect(event?.json.type).toBe("page.created");
      const signature = String(event?.headers["x-notion-signature"]);
      expect(
        await verifyWebhookSignature({ body: event?.body ?? "", signature, verificationToken: token }),
      ).toBe(true);

      // The receiver is down; the write is acknowledged, then the server dies without a chance to deliver.
      receiver.failNext(1_000, 503);
      const crash = await owner.pages.create({ parent: { page_id: root.id }, properties: title("Crash") });
      await kill(served, "SIGKILL");
      // Back up: whatever arrives from here on is answered 200, and it comes from the restarted server.
      const mark = receiver.received.length;
      receiver.failNext(0);
      served = await serve([
        ...flags,
        "--no-demo",
        "--webhook-window-ms",
        "0",
        ...SCHEDULE,
        "--allow-shared-data",
      ]);
      const after = await receiver.waitFor(
        (r) => entityOf(r) === crash.id && receiver.received.indexOf(r) >= mark,
        1,
        20_000,
      );
      expect(after[0]?.json.type).toBe("page.created");
      // Every attempt of it, before and after the crash, is the same event.
      expect(
        new Set(receiver.received.filter((r) => entityOf(r) === crash.id).map((r) => r.json.id)).size,
      ).toBe(1);

      expect(JSON.parse((await quire(["webhook", "delete", id, ...flags])).at(-1) ?? "")).toEqual({
        id,
        deleted: true,
      });
      expect(JSON.parse((await quire(["webhook", "list", ...flags])).at(-1) ?? "")).toEqual([]);
    } finally {
      await kill(served);
    }
  }, 90_000);

  it("updates the events any time, and the URL only before verification, sending a new token to the new URL", async () => {
    const flags = await databaseFlags();
    await quire(["integration", "create", "--name", "Movable", ...flags]);
    const other = await startReceiver();
    const served = await serve([...flags, "--no-demo", "--webhook-window-ms", "0", ...SCHEDULE]);
    try {
      const owner = client(served.url, (await quire(["token", ...flags])).at(-1) as string);
      const root = await owner.pages.create({ parent: { workspace: true }, properties: title("Root") });
      await quire(["share", "Movable", root.id, ...flags]);
      const before = receiver.received.length;
      const lines = await quire([
        "webhook",
        "create",
        "--integration",
        "Movable",
        "--url",
        receiver.url,
        ...flags,
      ]);
      const { id } = JSON.parse(lines.at(-1) ?? "") as { id: string };
      const [first] = await receiver.waitFor(
        (r) => "verification_token" in r.json && receiver.received.indexOf(r) >= before,
      );
      const oldToken = String(first?.json.verification_token);

      const updated = JSON.parse(
        (await quire(["webhook", "update", id, "--url", other.url, "--event", "page.created", ...flags])).at(
          -1,
        ) ?? "",
      ) as { url: string; event_types: string[]; status: string };
      expect(updated).toMatchObject({
        url: other.url,
        event_types: ["page.created"],
        status: "pending_verification",
      });
      const [second] = await other.waitFor((r) => "verification_token" in r.json);
      const newToken = String(second?.json.verification_token);
      expect(newToken).not.toBe(oldToken);
      // The old token proved the old URL only.
      await expect(quire(["webhook", "verify", id, oldToken, ...flags])).rejects.toThrow(/does not match/);
      await quire(["webhook", "verify", id, newToken, ...flags]);

      await expect(quire(["webhook", "update", id, "--url", receiver.url, ...flags])).rejects.toThrow(
        /can't change/,
      );
      const events = JSON.parse(
        (
          await quire(["webhook", "update", id, "--event", "page.created", "--event", "page.moved", ...flags])
        ).at(-1) ?? "",
      ) as { event_types: string[]; url: string; status: string };
      expect(events).toMatchObject({
        event_types: ["page.created", "page.moved"],
        url: other.url,
        status: "active",
      });

      const page = await owner.pages.create({ parent: { page_id: root.id }, properties: title("Moved") });
      const [event] = await other.waitFor((r) => entityOf(r) === page.id);
      expect(
        await verifyWebhookSignature({
          body: event?.body ?? "",
          signature: String(event?.headers["x-notion-signature"]),
          verificationToken: newToken,
        }),
      ).toBe(true);
    } finally {
      await kill(served);
      await other.close();
    }
  }, 90_000);

  it.runIf(testDialect() === "postgres")(
    "two processes on one PostgreSQL deliver each event exactly once",
    async () => {
      const flags = await databaseFlags();
      await quire(["integration", "create", "--name", "Pair", ...flags]);
      const first = await start([...flags, "--no-demo", "--webhook-window-ms", "0", ...SCHEDULE]);
      const second = await start([...flags, "--no-demo", "--webhook-window-ms", "0", ...SCHEDULE]);
      const token = (await quire(["token", ...flags])).at(-1) as string;
      const clients = [client(first.url, token), client(second.url, token)];
      const root = await clients[0]!.pages.create({ parent: { workspace: true }, properties: title("Root") });
      await quire(["share", "Pair", root.id, ...flags]);
      const { id } = await subscribe(flags, "Pair", ["--event", "page.created"]);
      const pages = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          clients[i % 2]!.pages.create({ parent: { page_id: root.id }, properties: title(`Page ${i}`) }),
        ),
      );
      const ids = new Set(pages.map((p) => p.id));
      await receiver.waitFor((r) => r.json.subscription_id === id, 40, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const got = receiver.received.filter((r) => r.json.subscription_id === id);
      expect(got).toHaveLength(40);
      expect(new Set(got.map(entityOf))).toEqual(ids);
      expect(new Set(got.map((r) => r.json.id)).size).toBe(40);
    },
    60_000,
  );
});
