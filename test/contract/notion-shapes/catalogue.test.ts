import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAPABILITIES } from "../../../src/services/access/viewer.ts";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import { compareShapes, idKey, learnIds, replaceIds, routeOf } from "./compare-shapes.ts";
import { KNOWN_DIFFERENCES } from "./known-differences.ts";

/**
 * The shape catalogue (test/fixtures/notion-shapes/): requests and answers recorded from api.notion.com
 * by public test suites, each file citing its source. Each file's requests are sent again to Quire in
 * order, with Notion's ids replaced by the ids Quire gave the same objects (an id Quire has not seen
 * stands for a page shared with the integration), and every answer is compared with Notion's by shape:
 * keys and JSON types at every level, values aside. What differs must be listed, with its reason, in
 * known-differences.ts (and docs/compatibility.md); a listed difference that no longer occurs fails too.
 */

interface Interaction {
  method: string;
  path: string;
  query: string;
  notionVersion: string | null;
  body: unknown;
  status: number;
  response: unknown;
}

interface Fixture {
  source: { repository: string; path: string; commit: string; url: string };
  interactions: Interaction[];
}

const dir = join(import.meta.dirname, "..", "..", "fixtures", "notion-shapes");
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => ({ file, fixture: JSON.parse(readFileSync(join(dir, file), "utf8")) as Fixture }));

let server: TestServer;
let ws: TestWorkspace;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  ws = await server.workspace();
  token = await ws.integration("Shapes", [...CAPABILITIES]);
});
afterAll(async () => {
  await server.close();
});

/** A page at the workspace's top, shared with the integration, standing in for the suite's own. */
async function sharedRoot(): Promise<string> {
  const response = await ws.fetch("/v1/pages", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      parent: { workspace: true },
      properties: { title: [{ text: { content: "Shapes" } }] },
    }),
  });
  const { id } = (await response.json()) as { id: string };
  await ws.share("Shapes", id);
  return id;
}

/** Whether an answer is an async task still queued or running (undefined: not a task). */
function unfinished(answer: unknown): boolean | undefined {
  const task = answer as { object?: string; status?: string } | null;
  if (task?.object !== "async_task") return undefined;
  return task.status === "queued" || task.status === "running" || task.status === "retrying";
}

/** Notion's cursors are ids of its own; the one it handed out stands for the one Quire did. */
function cursorFor(cursor: unknown, ids: Map<string, string>): string | undefined {
  return typeof cursor === "string" ? ids.get(`cursor:${idKey(cursor)}`) : undefined;
}

function replaceQuery(query: string, ids: Map<string, string>, fallback: string): string {
  const params = new URLSearchParams(query);
  for (const [key, value] of [...params]) {
    params.set(
      key,
      key === "start_cursor" ? (cursorFor(value, ids) ?? value) : replaceIds(value, ids, fallback),
    );
  }
  return params.toString();
}

/** The recorded JSON body with ids replaced; for a multipart send, bytes of the size Notion reported. */
function requestBody(call: Interaction, ids: Map<string, string>, fallback: string): RequestInit {
  if (call.body === null) return {};
  if (typeof call.body === "object" && "$nonJson" in call.body) {
    const upload = call.response as { filename?: string; content_type?: string; content_length?: number };
    const form = new FormData();
    const bytes = new Uint8Array(upload.content_length ?? 1).fill(120);
    form.set("file", new Blob([bytes], { type: upload.content_type ?? "text/plain" }), upload.filename);
    return { body: form };
  }
  const recorded = call.body as Record<string, unknown>;
  const cursor = cursorFor(recorded["start_cursor"], ids);
  const body = replaceIds(JSON.stringify({ ...recorded, start_cursor: undefined }), ids, fallback);
  const withCursor = cursor
    ? JSON.stringify({ ...(JSON.parse(body) as object), start_cursor: cursor })
    : body;
  return { body: withCursor, headers: { "content-type": "application/json" } };
}

async function replay(fixture: Fixture, found: Map<string, string[]>): Promise<number> {
  const ids = new Map<string, string>();
  const root = await sharedRoot();
  let compared = 0;
  for (const [i, call] of fixture.interactions.entries()) {
    // An id Notion answered 404 for stands for nothing Quire has either.
    const fallback = call.status === 404 ? randomUUID() : root;
    const query = call.query ? `?${replaceQuery(call.query, ids, fallback)}` : "";
    const path = replaceIds(call.path, ids, fallback) + query;
    const send = () =>
      ws.fetch(path, {
        method: call.method,
        version: call.notionVersion,
        token: call.status === 401 ? "ntn_invalid" : token,
        ...requestBody(call, ids, fallback),
      });
    let response = await send();
    let answer: unknown = await response.json().catch(() => null);
    // Notion's recording polled a task until it had finished; poll Quire's until it has too.
    for (
      let poll = 0;
      call.method === "GET" && poll < 500 && unfinished(call.response) === false && unfinished(answer);
      poll++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      response = await send();
      answer = await response.json().catch(() => null);
    }
    const route = routeOf(call.method, call.path);
    const where = `${route} (${fixture.source.path} #${i})`;
    const note = (difference: string) => found.set(difference, [...(found.get(difference) ?? []), where]);
    if (response.status !== call.status) {
      const code = (answer as { code?: string; message?: string } | null) ?? {};
      note(`${route}: status ${call.status} in Notion, ${response.status} in Quire (${code.code ?? ""})`);
      if (process.env["SHAPES_DEBUG"]) console.log(where, path, code.message);
      continue;
    }
    learnIds(call.response, answer, ids);
    for (const difference of compareShapes(call.response, answer, ids)) {
      note(`${route} ${difference.path}: ${difference.kind}`);
    }
    compared++;
  }
  return compared;
}

describe("the shape catalogue", () => {
  it("finds Quire's answers shaped as Notion's, apart from the listed differences", async () => {
    const found = new Map<string, string[]>();
    let compared = 0;
    for (const { fixture } of fixtures) compared += await replay(fixture, found);
    // How much of the catalogue was compared (a figure for docs/compatibility.md).
    console.log(`shape catalogue: ${compared} answers compared from ${fixtures.length} files`);
    const unexplained = [...found]
      .filter(([d]) => !(d in KNOWN_DIFFERENCES))
      .map(([d, w]) => `${d}  ← ${w[0]}`);
    expect(unexplained).toEqual([]);
    const stale = Object.keys(KNOWN_DIFFERENCES).filter((d) => !found.has(d));
    expect(stale).toEqual([]);
    expect(compared).toBeGreaterThan(200);
  }, 120_000);

  it("cites a public source in every file", () => {
    for (const { file, fixture } of fixtures) {
      expect(fixture.source.url, file).toMatch(/^https:\/\/github\.com\/.+\/blob\/[0-9a-f]{40}\//);
      expect(fixture.interactions.length, file).toBeGreaterThan(0);
    }
  });
});
