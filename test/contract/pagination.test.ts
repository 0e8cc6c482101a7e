import { collectPaginatedAPI, iteratePaginatedAPI } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../support/quire.ts";
import {
  appendParagraphs,
  blockText,
  expectApiError,
  fullBlock,
  paragraph,
  workspacePage,
} from "./helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const numbers = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => String(from + i));

describe("blocks.children.list pagination", () => {
  it("walks 250 children in order with the SDK helpers", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const ids = await appendParagraphs(client, page.id, numbers(0, 250));

    const collected = await collectPaginatedAPI(client.blocks.children.list, { block_id: page.id });
    expect(collected.map((b) => b.id)).toEqual(ids);
    expect(collected.map((b) => blockText(fullBlock(b)))).toEqual(numbers(0, 250));

    const iterated: string[] = [];
    for await (const block of iteratePaginatedAPI(client.blocks.children.list, {
      block_id: page.id,
      page_size: 60,
    })) {
      iterated.push(block.id);
    }
    expect(iterated).toEqual(ids);
  });

  it("serves 100 per page by default and ends with next_cursor null", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const ids = await appendParagraphs(client, page.id, numbers(0, 250));

    const sizes: number[] = [];
    const flags: Array<[boolean, boolean]> = [];
    let cursor: string | undefined;
    do {
      const response = await client.blocks.children.list({ block_id: page.id, start_cursor: cursor });
      sizes.push(response.results.length);
      flags.push([response.has_more, response.next_cursor !== null]);
      cursor = response.next_cursor ?? undefined;
    } while (cursor);
    expect(sizes).toEqual([100, 100, 50]);
    expect(flags).toEqual([
      [true, true],
      [true, true],
      [false, false],
    ]);
    expect(ids).toHaveLength(250);
  });

  it("says has_more false when the children exactly fill the page", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await appendParagraphs(client, page.id, numbers(0, 100));
    const response = await client.blocks.children.list({ block_id: page.id, page_size: 100 });
    expect(response.results).toHaveLength(100);
    expect({ has_more: response.has_more, next_cursor: response.next_cursor }).toEqual({
      has_more: false,
      next_cursor: null,
    });
  });

  it("accepts page_size 1 and 100 and refuses 0 and 101", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await appendParagraphs(client, page.id, ["a", "b"]);
    const one = await client.blocks.children.list({ block_id: page.id, page_size: 1 });
    expect(one.results.map((b) => blockText(fullBlock(b)))).toEqual(["a"]);
    expect(one.has_more).toBe(true);
    expect((await client.blocks.children.list({ block_id: page.id, page_size: 100 })).results).toHaveLength(
      2,
    );
    for (const size of [0, 101]) {
      await expectApiError(client.blocks.children.list({ block_id: page.id, page_size: size }), {
        status: 400,
        code: "validation_error",
        message: /page_size/,
      });
    }
  });

  it("refuses a cursor that was not issued for this parent", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const other = await workspacePage(client, "Other");
    await appendParagraphs(client, page.id, numbers(0, 3));
    await appendParagraphs(client, other.id, numbers(0, 3));
    const first = await client.blocks.children.list({ block_id: other.id, page_size: 1 });
    for (const cursor of ["garbage", first.next_cursor ?? ""]) {
      await expectApiError(client.blocks.children.list({ block_id: page.id, start_cursor: cursor }), {
        status: 400,
        code: "validation_error",
      });
    }
  });
});

describe("cursors under concurrent writes", () => {
  async function firstPage(pageSize: number) {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const ids = await appendParagraphs(client, page.id, numbers(0, 25));
    const first = await client.blocks.children.list({ block_id: page.id, page_size: pageSize });
    expect(first.results.map((b) => b.id)).toEqual(ids.slice(0, pageSize));
    const rest = async () =>
      (
        await collectPaginatedAPI(client.blocks.children.list, {
          block_id: page.id,
          page_size: pageSize,
          start_cursor: first.next_cursor ?? undefined,
        })
      ).map((b) => blockText(fullBlock(b)));
    return { client, page, ids, rest };
  }

  it("picks up children appended at the end between pages", async () => {
    const { client, page, rest } = await firstPage(10);
    await appendParagraphs(client, page.id, ["25", "26"]);
    expect(await rest()).toEqual(numbers(10, 27));
  });

  it("neither repeats nor skips when children are inserted before the cursor", async () => {
    const { client, page, ids, rest } = await firstPage(10);
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("new")],
      position: { type: "start" },
    });
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("after 3")],
      position: { type: "after_block", after_block: { id: ids[3] ?? "" } },
    });
    expect(await rest()).toEqual(numbers(10, 25));
  });

  it("continues past children deleted between pages, including the next one", async () => {
    const { client, ids, rest } = await firstPage(10);
    // ids[10] is the first child of the next page (what the cursor points at), ids[5] one already served.
    for (const index of [5, 10, 11, 20]) await client.blocks.delete({ block_id: ids[index] ?? "" });
    expect(await rest()).toEqual(numbers(12, 25).filter((n) => n !== "20"));
  });

  it("serves a child inserted after the cursor's position on a later page", async () => {
    const { client, page, ids, rest } = await firstPage(10);
    await client.blocks.children.append({
      block_id: page.id,
      children: [paragraph("15.5")],
      position: { type: "after_block", after_block: { id: ids[15] ?? "" } },
    });
    expect(await rest()).toEqual([...numbers(10, 16), "15.5", ...numbers(16, 25)]);
  });

  it("continues when the next child is moved to another parent between pages", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const elsewhere = await workspacePage(client, "Elsewhere");
    await appendParagraphs(client, page.id, numbers(0, 10));
    const moving = await client.pages.create({ parent: { page_id: page.id } });
    await appendParagraphs(client, page.id, numbers(11, 15));
    const first = await client.blocks.children.list({ block_id: page.id, page_size: 10 });
    expect(first.next_cursor).not.toBeNull();
    await client.pages.move({ page_id: moving.id, parent: { page_id: elsewhere.id } });
    const rest = await collectPaginatedAPI(client.blocks.children.list, {
      block_id: page.id,
      start_cursor: first.next_cursor ?? undefined,
    });
    expect(rest.map((b) => blockText(fullBlock(b)))).toEqual(numbers(11, 15));
  });

  it("keeps every child exactly once when appends to one parent run concurrently", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const appended = await Promise.all(
      numbers(0, 20).map((label) =>
        client.blocks.children.append({ block_id: page.id, children: [paragraph(label)] }),
      ),
    );
    const ids = appended.map((r) => r.results[0]?.id ?? "");
    const whole = (await client.blocks.children.list({ block_id: page.id })).results.map((b) => b.id);
    expect([...whole].sort()).toEqual([...ids].sort());
    // A bounded walk instead of collectPaginatedAPI, so a cursor that never ends fails instead of hanging.
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const response = await client.blocks.children.list({
        block_id: page.id,
        page_size: 3,
        start_cursor: cursor,
      });
      paged.push(...response.results.map((b) => b.id));
      cursor = response.next_cursor ?? undefined;
      if (!cursor) break;
    }
    expect(cursor).toBeUndefined();
    expect(paged).toEqual(whole);
  });
});
