import { type Client, isNotionClientError } from "@notionhq/client";

/** The four writes issue 20 (item 4) saw deadlock on PostgreSQL, all under one parent page. */
export type WriteKind = "append" | "create_page" | "create_database" | "update_parent";

export const WRITE_KINDS: WriteKind[] = ["append", "create_page", "create_database", "update_parent"];

/** One acknowledged write: what the server said it created (or the parent, for an update). */
export interface Acknowledged {
  kind: WriteKind;
  id: string;
  /** The unique text the write carried, to find it again and count its copies. */
  marker: string;
}

export interface LoadReport {
  /** HTTP status (or the SDK's code for a failure without one) → how many answers had it. */
  statuses: Record<string, number>;
  acknowledged: Acknowledged[];
  /** Error messages of failed writes, a few of each code, for the test's failure output. */
  samples: string[];
  elapsedMs: number;
}

function text(content: string) {
  return [{ type: "text" as const, text: { content } }];
}

async function write(notion: Client, parentId: string, kind: WriteKind, marker: string): Promise<string> {
  switch (kind) {
    case "append": {
      const { results } = await notion.blocks.children.append({
        block_id: parentId,
        children: [{ paragraph: { rich_text: text(marker) } }],
      });
      return results[0]?.id ?? "";
    }
    case "create_page":
      return (
        await notion.pages.create({
          parent: { page_id: parentId },
          properties: { title: { title: text(marker) } },
        })
      ).id;
    case "create_database":
      return (
        await notion.databases.create({
          parent: { type: "page_id", page_id: parentId },
          title: text(marker),
          initial_data_source: { properties: { Name: { title: {} }, Score: { number: {} } } },
        })
      ).id;
    case "update_parent":
      return (
        await notion.pages.update({
          page_id: parentId,
          properties: { title: { title: text(marker) } },
        })
      ).id;
  }
}

/**
 * `writers` loops, each bound to one of `clients` in turn (so each server gets its share), writing under
 * `parentId` until `durationMs` has passed. Every answer is counted; nothing is retried.
 */
export async function runWriters(options: {
  clients: Client[];
  parentId: string;
  writers: number;
  durationMs: number;
  kinds?: WriteKind[];
}): Promise<LoadReport> {
  const kinds = options.kinds ?? WRITE_KINDS;
  const report: LoadReport = { statuses: {}, acknowledged: [], samples: [], elapsedMs: 0 };
  const started = Date.now();
  const deadline = started + options.durationMs;
  const count = (status: string) => (report.statuses[status] = (report.statuses[status] ?? 0) + 1);
  const writer = async (w: number) => {
    const notion = options.clients[w % options.clients.length] as Client;
    for (let n = 0; Date.now() < deadline; n++) {
      const kind = kinds[(w + n) % kinds.length] as WriteKind;
      const marker = `w${w}-n${n}-${kind}`;
      try {
        const id = await write(notion, options.parentId, kind, marker);
        count("200");
        report.acknowledged.push({ kind, id, marker });
      } catch (error) {
        if (!isNotionClientError(error)) throw error;
        const status = "status" in error ? String(error.status) : error.code;
        count(status);
        if (report.samples.length < 20) report.samples.push(`${status} ${error.code}: ${error.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(w)));
  report.elapsedMs = Date.now() - started;
  return report;
}

/** What a block under the parent says: a paragraph's text, a child page's or database's title. */
function markerOf(block: Record<string, unknown>): string | undefined {
  const type = block["type"];
  const body = typeof type === "string" ? (block[type] as Record<string, unknown> | undefined) : undefined;
  if (type === "paragraph") {
    const items = body?.["rich_text"] as { plain_text: string }[] | undefined;
    return items?.map((item) => item.plain_text).join("");
  }
  if (type === "child_page" || type === "child_database") return body?.["title"] as string | undefined;
  return undefined;
}

/** Every child of `parentId` (all pages of the listing): id → the marker it carries. */
export async function childrenOf(notion: Client, parentId: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await notion.blocks.children.list({
      block_id: parentId,
      page_size: 100,
      ...(cursor ? { start_cursor: cursor } : {}),
    });
    for (const block of page.results) found.set(block.id, markerOf(block as Record<string, unknown>) ?? "");
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return found;
}

/** Answers of 500 or more, by status. */
export function serverErrors(report: LoadReport): Record<string, number> {
  return Object.fromEntries(Object.entries(report.statuses).filter(([status]) => Number(status) >= 500));
}
