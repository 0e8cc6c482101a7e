import { execFileSync } from "node:child_process";
import { Agent, request } from "node:http";
import { describe, expect, it } from "vitest";
import { hashToken } from "../../src/services/identity/tokens.ts";
import { openStore } from "../../src/storage/store.ts";
import { testDialect } from "../support/test-database.ts";
import { type Served, client, codeOf, databaseFlags, quire, start, tokenIn } from "./run-cli.ts";

const postgres = testDialect() === "postgres";
// A second server on one SQLite directory must be asked for; on PostgreSQL it is the point.
const SHARED = postgres ? [] : ["--allow-shared-data"];

/** Two `quire serve` processes on one fresh database, and the token the first printed. */
async function twoServers(extra: string[] = []) {
  const flags = await databaseFlags();
  const first = await start([...flags, "--no-demo", ...extra]);
  const second = await start([...flags, "--no-demo", ...SHARED, ...extra]);
  return { flags, first, second, token: tokenIn(first.lines) as string };
}

/** The store `quire serve` opened with `flags`, for what a test does beside the servers. */
function storeOf(flags: string[]) {
  const at = (name: string) => flags[flags.indexOf(name) + 1];
  return openStore({
    dataDir: at("--data") ?? "",
    url: flags.includes("--database-url") ? at("--database-url") : undefined,
  });
}

/** A GET on a connection of its own, so a cluster's primary hands it to the next worker. */
function getOnNewConnection(url: string, path: string, token: string): Promise<number> {
  return getOn(false, url, path, token);
}

/** A GET through `agent` (false: a connection of its own); its status, or why it got none. */
function getOn(agent: Agent | false, url: string, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { agent, headers: { authorization: `Bearer ${token}`, "notion-version": "2025-09-03" } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    // A request must never hang the test; one stuck this long is a failure to report.
    req.setTimeout(20_000, () => req.destroy(new Error("no answer in 20 s")));
    req.end();
  });
}

/** The worker processes a `--processes` primary runs (its children running Node). */
function workersOf(served: Served): number[] {
  const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(served.child.pid)]).toString();
  return out
    .split("\n")
    .filter((line) => line.includes("quire.js serve"))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Everything a server prints from now on. */
function outputOf(served: Served): string[] {
  const output: string[] = [];
  served.child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  served.child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  return output;
}

async function until(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function paragraphs(label: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    paragraph: { rich_text: [{ text: { content: `${label}.${i}` } }] },
  }));
}

describe("several Quire processes on one database", () => {
  it("keep every block of concurrent appends to one page once, each append whole and in order", async () => {
    const { first, second, token } = await twoServers();
    const clients = [client(first.url, token), client(second.url, token)];
    const page = await clients[0]!.pages.create({ parent: { workspace: true }, properties: {} });
    const APPENDS = 8;
    const SIZE = 10;
    // Each process gets two writers appending one after another; all four run at once.
    await Promise.all(
      ["a", "b", "c", "d"].map(async (writer, w) => {
        const notion = clients[w % 2]!;
        for (let n = 0; n < APPENDS; n++)
          await notion.blocks.children.append({
            block_id: page.id,
            children: paragraphs(`${writer}${n}`, SIZE),
          });
      }),
    );
    const texts: string[] = [];
    let cursor: string | undefined;
    do {
      const list = await clients[1]!.blocks.children.list({ block_id: page.id, start_cursor: cursor });
      for (const block of list.results)
        if ("type" in block && block.type === "paragraph")
          texts.push(block.paragraph.rich_text[0]?.plain_text ?? "");
      cursor = list.next_cursor ?? undefined;
    } while (cursor);
    expect(texts).toHaveLength(4 * APPENDS * SIZE);
    expect(new Set(texts).size).toBe(texts.length);
    // Each append's blocks lie together and in order; each writer's appends follow each other in order.
    for (let i = 0; i < texts.length; i += SIZE) {
      const [label] = (texts[i] ?? "").split(".");
      expect(texts.slice(i, i + SIZE)).toEqual(
        paragraphs(label ?? "", SIZE).map((p) => p.paragraph.rich_text[0]?.text.content),
      );
    }
    for (const writer of ["a", "b", "c", "d"]) {
      const order = texts.filter((t) => t.startsWith(writer) && t.endsWith(".0")).map((t) => t.split(".")[0]);
      expect(order).toEqual(Array.from({ length: APPENDS }, (_, n) => `${writer}${n}`));
    }
  }, 120_000);

  it("number concurrent rows of one data source with unique ids that are unique and gapless", async () => {
    const { first, second, token } = await twoServers();
    const clients = [client(first.url, token), client(second.url, token)];
    const page = await clients[0]!.pages.create({ parent: { workspace: true }, properties: {} });
    const database = await clients[0]!.databases.create({
      parent: { type: "page_id", page_id: page.id },
      title: [{ text: { content: "Numbered" } }],
      initial_data_source: { properties: { Name: { title: {} }, Number: { unique_id: { prefix: "T" } } } },
    });
    const source = "data_sources" in database ? (database.data_sources[0]?.id ?? "") : "";
    const PER_WRITER = 10;
    const created = await Promise.all(
      Array.from({ length: 6 }, async (_, w) => {
        const ids: string[] = [];
        for (let n = 0; n < PER_WRITER; n++) {
          const row = await clients[w % 2]!.pages.create({
            parent: { data_source_id: source },
            properties: { Name: { title: [{ text: { content: `${w}.${n}` } }] } },
          });
          ids.push(row.id);
        }
        return ids;
      }),
    );
    const numbers: number[] = [];
    let cursor: string | undefined;
    do {
      const result = await clients[1]!.dataSources.query({ data_source_id: source, start_cursor: cursor });
      for (const row of result.results) {
        const value = "properties" in row ? row.properties["Number"] : undefined;
        // A row's value has a number; the type also covers the schema's { prefix }.
        const id = value?.type === "unique_id" ? (value.unique_id as { number?: number | null }) : {};
        if (typeof id.number === "number") numbers.push(id.number);
      }
      cursor = result.next_cursor ?? undefined;
    } while (cursor);
    const total = created.flat().length;
    expect(numbers).toHaveLength(total);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  }, 120_000);

  it("refuse a revoked token at once on every process, whichever wrote the revocation", async () => {
    const { flags, first, second, token } = await twoServers();
    // Both have just used the token (and may remember it).
    expect((await client(first.url, token).users.me({})).type).toBe("person");
    expect((await client(second.url, token).users.me({})).type).toBe("person");
    const store = storeOf(flags);
    try {
      await store.db
        .updateTable("tokens")
        .set({ revokedTime: new Date().toISOString() })
        .where("tokenHash", "=", hashToken(token))
        .execute();
    } finally {
      await store.close();
    }
    expect(await codeOf(client(first.url, token).users.me({}))).toBe("unauthorized");
    expect(await codeOf(client(second.url, token).users.me({}))).toBe("unauthorized");
  }, 60_000);

  it.skipIf(!postgres)(
    "share one rate limit between processes",
    async () => {
      // One request per 100 s: whichever process takes the second request must refuse it.
      const { first, second, token } = await twoServers(["--rate-limit", "0.01"]);
      expect(await getOnNewConnection(first.url, "/v1/users/me", token)).toBe(200);
      expect(await getOnNewConnection(second.url, "/v1/users/me", token)).toBe(429);
    },
    60_000,
  );
});

describe("quire serve --processes", () => {
  it.skipIf(!postgres)(
    "runs workers that share the port and one rate limit",
    async () => {
      const flags = await databaseFlags();
      const served = await start([...flags, "--no-demo", "--processes", "2", "--rate-limit", "0.01"]);
      expect(served.lines).toContain("2 worker processes share the port");
      expect(workersOf(served)).toHaveLength(2);
      const token = tokenIn(served.lines) as string;
      // Four connections go to the two workers in turn; the bucket they share lets one request through.
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push(await getOnNewConnection(served.url, "/v1/users/me", token));
      expect(statuses.sort()).toEqual([200, 429, 429, 429]);
    },
    60_000,
  );

  it("replaces a crashed worker", async () => {
    const flags = await databaseFlags();
    const served = await start([...flags, "--no-demo", "--processes", "2"]);
    const output = outputOf(served);
    const [crashed] = workersOf(served);
    process.kill(crashed ?? 0, "SIGKILL");
    await until(
      () => workersOf(served).length === 2 && !workersOf(served).includes(crashed ?? 0),
      "a new worker",
      90_000,
    );
    expect(output.join("")).toContain(`Worker ${String(crashed)} exited (SIGKILL); starting another.`);
    // Each fork compiles the server afresh; on two busy cores that alone takes a while.
  }, 180_000);

  it("restarts every worker on SIGHUP, answering every request that arrives meanwhile", async () => {
    const flags = await databaseFlags();
    const served = await start([...flags, "--no-demo", "--processes", "2"]);
    const token = tokenIn(served.lines) as string;
    const output = outputOf(served);
    const before = workersOf(served);
    // Clients keep asking throughout: some on a new connection each time (each one reaches the next
    // worker in turn, retiring or not), some on kept-alive connections. Any failure is kept.
    const keptAlive = new Agent({ keepAlive: true });
    const failures: string[] = [];
    const answered: number[] = [];
    let restarted = false;
    const ask = async (agent: Agent | false) => {
      while (!restarted) {
        try {
          answered.push(await getOn(agent, served.url, "/v1/users/me", token));
        } catch (error) {
          failures.push(String(error));
        }
      }
    };
    const agents: Array<Agent | false> = [false, false, false, keptAlive, keptAlive];
    const clients = agents.map(ask);
    served.child.kill("SIGHUP");
    await until(
      () => output.join("").includes("Restarted 2 workers."),
      `the restart: ${output.join("")}`,
      180_000,
    );
    restarted = true;
    await Promise.all(clients);
    keptAlive.destroy();
    expect(failures).toEqual([]);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.filter((status) => status !== 200)).toEqual([]);
    const after = workersOf(served);
    expect(after).toHaveLength(2);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
  }, 300_000);

  it("refuses what would live in one worker's memory", async () => {
    const flags = await databaseFlags();
    await expect(quire(["serve", "--port", "0", "--processes", "2", "--harness", ...flags])).rejects.toThrow(
      /--harness keeps its clock, faults and request log in one process's memory/,
    );
    if (!postgres) {
      await expect(
        quire(["serve", "--port", "0", "--processes", "2", "--rate-limit", "5", ...flags]),
      ).rejects.toThrow(/--rate-limit on SQLite counts requests in one process's memory/);
    }
    await expect(quire(["serve", "--port", "0", "--processes", "0", ...flags])).rejects.toThrow(
      /Invalid process count: 0/,
    );
  }, 60_000);
});
