import type { Client } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import {
  MISSING_ID,
  childPage,
  childTexts,
  children,
  expectApiError,
  fullPage,
  pageTitle,
  text,
  workspacePage,
} from "../helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function pageWith(client: Client, markdown: string) {
  const root = await workspacePage(client, "Root");
  await client.pages.updateMarkdown({
    page_id: root.id,
    type: "replace_content",
    replace_content: { new_str: markdown },
  });
  return root;
}

describe("pages.updateMarkdown", () => {
  it("insert_content appends, prepends, and inserts after a selection", async () => {
    const client = (await server.workspace()).client();
    const page = await pageWith(client, "# Intro\n- one\n\t- nested\n- two");
    await client.pages.updateMarkdown({
      page_id: page.id,
      type: "insert_content",
      insert_content: { content: "end" },
    });
    await client.pages.updateMarkdown({
      page_id: page.id,
      type: "insert_content",
      insert_content: { content: "start", position: { type: "start" } },
    });
    const result = await client.pages.updateMarkdown({
      page_id: page.id,
      type: "insert_content",
      insert_content: { content: "- after one", after: "- one" },
    });
    expect(result).toMatchObject({
      object: "page_markdown",
      id: page.id,
      truncated: false,
      unknown_block_ids: [],
    });
    expect(result.markdown).toBe("start\n# Intro\n- one\n\t- nested\n- after one\n- two\nend");
    expect(await childTexts(client, page.id)).toEqual(["start", "Intro", "one", "after one", "two", "end"]);
  });

  it("keeps unchanged blocks (same ids) and rewrites only what changed", async () => {
    const client = (await server.workspace()).client();
    const page = await pageWith(client, "alpha\nbeta\ngamma");
    const before = await children(client, page.id);
    await client.pages.updateMarkdown({
      page_id: page.id,
      type: "update_content",
      update_content: { content_updates: [{ old_str: "beta", new_str: "**BETA**" }] },
    });
    const after = await children(client, page.id);
    expect(after.map((b) => b.id)).toEqual([before[0]?.id, after[1]?.id, before[2]?.id]);
    expect(after[1]?.id).not.toBe(before[1]?.id);
    const second = after[1];
    expect(second?.type === "paragraph" && second.paragraph.rich_text[0]?.annotations.bold).toBe(true);
  });

  it("replace_content_range replaces an ellipsis selection", async () => {
    const client = (await server.workspace()).client();
    const page = await pageWith(client, "one\ntwo\nthree\nfour");
    const result = await client.pages.updateMarkdown({
      page_id: page.id,
      type: "replace_content_range",
      replace_content_range: { content: "middle", content_range: "tw...ree" },
    });
    expect(result.markdown).toBe("one\nmiddle\nfour");
  });

  it("update_content replaces every match only when asked", async () => {
    const client = (await server.workspace()).client();
    const page = await pageWith(client, "cat\ncat\ndog");
    await expectApiError(
      client.pages.updateMarkdown({
        page_id: page.id,
        type: "update_content",
        update_content: { content_updates: [{ old_str: "cat", new_str: "cow" }] },
      }),
      { status: 400, code: "validation_error", message: /matches 2 locations/ },
    );
    const result = await client.pages.updateMarkdown({
      page_id: page.id,
      type: "update_content",
      update_content: { content_updates: [{ old_str: "cat", new_str: "cow", replace_all_matches: true }] },
    });
    expect(result.markdown).toBe("cow\ncow\ndog");
  });

  it("rejects selections and search strings that match nothing, changing nothing", async () => {
    const client = (await server.workspace()).client();
    const page = await pageWith(client, "only line");
    await expectApiError(
      client.pages.updateMarkdown({
        page_id: page.id,
        type: "replace_content_range",
        replace_content_range: { content: "x", content_range: "missing...text" },
      }),
      { status: 400, code: "validation_error", message: /content_range did not match any content/ },
    );
    await expectApiError(
      client.pages.updateMarkdown({
        page_id: page.id,
        type: "insert_content",
        insert_content: { content: "x", after: "nowhere" },
      }),
      { status: 400, code: "validation_error", message: /after did not match any content/ },
    );
    await expectApiError(
      client.pages.updateMarkdown({
        page_id: page.id,
        type: "update_content",
        update_content: { content_updates: [{ old_str: "absent", new_str: "x" }] },
      }),
      { status: 400, code: "validation_error", message: /old_str did not match any content/ },
    );
    expect((await client.pages.retrieveMarkdown({ page_id: page.id })).markdown).toBe("only line");
  });

  it("validates the request shape", async () => {
    const ws = await server.workspace();
    const page = await workspacePage(ws.client());
    const patch = (body: unknown) =>
      ws.fetch(`/v1/pages/${page.id}/markdown`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const bad = await patch({ type: "rewrite" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(
      /body.type should be `"insert_content"`, `"replace_content_range"`, `"update_content"`, or `"replace_content"`/,
    );
    const missing = await patch({ type: "replace_content" });
    expect(((await missing.json()) as { message: string }).message).toBe(
      "body failed validation: body.replace_content should be defined, instead was `undefined`.",
    );
    const both = await patch({
      type: "insert_content",
      insert_content: { content: "x", after: "a", position: { type: "start" } },
    });
    expect(both.status).toBe(400);
  });

  it("refuses to delete child pages unless allow_deleting_content is set", async () => {
    const client = (await server.workspace()).client();
    const root = await workspacePage(client, "Root");
    const child = await childPage(client, root.id, "Keep me");
    await client.pages.updateMarkdown({
      page_id: root.id,
      type: "insert_content",
      insert_content: { content: "text" },
    });
    await expectApiError(
      client.pages.updateMarkdown({
        page_id: root.id,
        type: "replace_content",
        replace_content: { new_str: "new" },
      }),
      { status: 400, code: "validation_error", message: /would delete 1 child page/ },
    );
    // Keeping the <page> tag keeps (or moves) the page.
    const { markdown } = await client.pages.retrieveMarkdown({ page_id: root.id });
    const tag = markdown.split("\n").find((l) => l.startsWith("<page")) ?? "";
    const moved = await client.pages.updateMarkdown({
      page_id: root.id,
      type: "replace_content",
      replace_content: { new_str: `new\n<details>\n<summary>Box</summary>\n\t${tag}\n</details>` },
    });
    expect(moved.markdown).toContain(tag);
    const page = fullPage(await client.pages.retrieve({ page_id: child.id }));
    expect(page.parent.type).toBe("block_id");
    expect(page.in_trash).toBe(false);
    await client.pages.updateMarkdown({
      page_id: root.id,
      type: "replace_content",
      replace_content: { new_str: "gone", allow_deleting_content: true },
    });
    expect(await childTexts(client, root.id)).toEqual(["gone"]);
  });

  it("answers validation_error for a non-page block and 404 for a missing page", async () => {
    const client = (await server.workspace()).client();
    const page = await pageWith(client, "para");
    const block = (await children(client, page.id))[0]?.id ?? "";
    await expectApiError(
      client.pages.updateMarkdown({
        page_id: block,
        type: "replace_content",
        replace_content: { new_str: "x" },
      }),
      { status: 400, code: "validation_error" },
    );
    await expectApiError(
      client.pages.updateMarkdown({
        page_id: MISSING_ID,
        type: "replace_content",
        replace_content: { new_str: "x" },
      }),
      { status: 404, code: "object_not_found" },
    );
  });
});

describe("pages.create with markdown", () => {
  it("takes the title from the first # heading and writes the rest as blocks", async () => {
    const client = (await server.workspace()).client();
    const root = await workspacePage(client);
    const page = fullPage(
      await client.pages.create({
        parent: { page_id: root.id },
        markdown: "# Meeting Notes\n\nDiscussed **roadmap**.\n\n## Action items\n\n- [ ] Draft proposal",
      }),
    );
    expect(pageTitle(page)).toBe("Meeting Notes");
    expect(await childTexts(client, page.id)).toEqual([
      "Discussed roadmap.",
      "Action items",
      "Draft proposal",
    ]);
  });

  it("rejects markdown with children, and allow_async without markdown", async () => {
    const client = (await server.workspace()).client();
    const root = await workspacePage(client);
    await expectApiError(
      client.pages.create({
        parent: { page_id: root.id },
        markdown: "x",
        children: [{ paragraph: { rich_text: text("y") } }],
      }),
      { status: 400, code: "validation_error" },
    );
    await expectApiError(client.pages.create({ parent: { page_id: root.id }, allow_async: true }), {
      status: 400,
      code: "validation_error",
    });
  });

  it("reports markdown that breaks block rules with its line", async () => {
    const client = (await server.workspace()).client();
    const root = await workspacePage(client);
    await expectApiError(
      client.pages.create({
        parent: { page_id: root.id },
        markdown: "ok\n<columns>\n\t<column>\n\t\tonly\n\t</column>\n</columns>",
      }),
      { status: 400, code: "validation_error", message: /line 2/ },
    );
  });
});
