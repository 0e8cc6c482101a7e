import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import { httpMessage, rawRequest } from "../../support/raw-http.ts";
import {
  childTexts,
  expectApiError,
  fullPage,
  pageTitle,
  paragraph,
  text,
  workspacePage,
} from "../helpers.ts";

/** Bodies a careless or hostile client sends: unstorable text, deep nesting, odd content types, bad UTF-8. */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const UNSTORABLE = "should be text without NUL (U+0000) or unpaired surrogate characters";

async function titleOf(ws: TestWorkspace, pageId: string): Promise<string> {
  return pageTitle(fullPage(await ws.client().pages.retrieve({ page_id: pageId })));
}

function patchChildren(
  ws: TestWorkspace,
  pageId: string,
  body: string | Uint8Array,
  type = "application/json",
) {
  return ws.fetch(`/v1/blocks/${pageId}/children`, {
    method: "PATCH",
    headers: { "content-type": type },
    body,
  });
}

describe("NUL and unpaired surrogates", () => {
  it("refuse a NUL in a title with Notion's validation error naming the path, and change nothing", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client, "Kept");
    await expectApiError(
      client.pages.update({ page_id: page.id, properties: { title: { title: text("a\u0000b") } } }),
      {
        status: 400,
        code: "validation_error",
        message: `body failed validation: body.properties.title.title[0].text.content ${UNSTORABLE}, instead was \`"a\\u0000b"\`.`,
      },
    );
    expect(await titleOf(ws, page.id)).toBe("Kept");
  });

  it("refuse an unpaired surrogate in code text and keep the children as they were", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await expectApiError(
      client.blocks.children.append({
        block_id: page.id,
        children: [paragraph("fine"), { code: { language: "plain text", rich_text: text("x = '\ud800'") } }],
      }),
      {
        status: 400,
        code: "validation_error",
        message: `body failed validation: body.children[1].code.rich_text[0].text.content ${UNSTORABLE}, instead was \`"x = '\\ud800'"\`.`,
      },
    );
    expect(await childTexts(client, page.id)).toEqual([]);
    // A lone low surrogate too; a well-formed pair (an emoji) is ordinary text.
    await expectApiError(
      client.blocks.children.append({ block_id: page.id, children: [paragraph("\udc00")] }),
      {
        status: 400,
        code: "validation_error",
        message: new RegExp(UNSTORABLE.replace(/[()+]/g, "\\$&")),
      },
    );
    await client.blocks.children.append({ block_id: page.id, children: [paragraph("ok 😀")] });
    expect(await childTexts(client, page.id)).toEqual(["ok 😀"]);
  });

  it("refuse a NUL in markdown, in a property name and in a query string", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    await expectApiError(
      client.pages.updateMarkdown({
        page_id: page.id,
        type: "insert_content",
        insert_content: { content: "\u0000" },
      }),
      {
        status: 400,
        code: "validation_error",
        message: `body failed validation: body.insert_content.content ${UNSTORABLE}, instead was \`"\\u0000"\`.`,
      },
    );
    expect(await childTexts(client, page.id)).toEqual([]);
    await expectApiError(
      client.pages.update({ page_id: page.id, properties: { "ti\u0000tle": { title: text("x") } } }),
      {
        status: 400,
        code: "validation_error",
        message: `body failed validation: body.properties should be an object whose keys are text without NUL (U+0000) or unpaired surrogate characters, instead was \`"ti\\u0000tle"\`.`,
      },
    );
    const query = await ws.fetch("/v1/custom_emojis?name=%00");
    expect(query.status).toBe(400);
    expect(await query.json()).toMatchObject({
      object: "error",
      code: "validation_error",
      message: `query failed validation: query.name ${UNSTORABLE}, instead was \`"\\u0000"\`.`,
    });
  });
});

function nested(depth: number): string {
  return `{"children":${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}}`;
}

describe("deeply nested JSON", () => {
  it("is refused at parse time with a short message, however deep", async () => {
    const ws = await server.workspace();
    const page = await workspacePage(ws.client());
    for (const depth of [101, 5_000, 100_000]) {
      const response = await patchChildren(ws, page.id, nested(depth));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; message: string };
      expect(body).toMatchObject({
        object: "error",
        code: "validation_error",
        message: `body failed validation: body should be nested at most \`100\` levels deep, instead was \`${depth}\`.`,
      });
    }
    // At the cap the body is read, and its shape is what fails, with an excerpt of the value.
    const atCap = await patchChildren(ws, page.id, nested(100));
    const body = (await atCap.json()) as { code: string; message: string };
    expect(body.code).toBe("validation_error");
    expect(body.message).toMatch(/^body failed validation: body\.children\[0\] should be an object/);
    expect(body.message.length).toBeLessThan(400);
  });

  it("never echoes more than an excerpt of a value in a message", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const long = "n".repeat(100_000);
    const messages: string[] = [];
    for (const call of [
      () => client.pages.update({ page_id: page.id, properties: { [long]: { title: text("x") } } }),
      () => client.search({ start_cursor: long }),
      () =>
        client.blocks.children.append({
          block_id: page.id,
          children: [{ paragraph: { rich_text: [{ text: { content: long } }] } }],
        }),
      () => ws.client(ws.token, `2022-06-28${long.slice(0, 10_000)}`).users.me({}),
    ]) {
      messages.push((await expectApiError(call(), { status: 400, code: "validation_error" })).message);
    }
    for (const message of messages) expect(message.length).toBeLessThan(500);
  });
});

describe("content types", () => {
  it("parses the body as JSON when Content-Type is a list or empty", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client);
    const listed = await patchChildren(
      ws,
      page.id,
      JSON.stringify({ children: [paragraph("listed")] }),
      "application/json, text/plain",
    );
    expect(listed.status).toBe(200);
    const body = JSON.stringify({ children: [paragraph("empty")] });
    const empty = await rawRequest(
      server.url,
      httpMessage(
        "PATCH",
        `/v1/blocks/${page.id}/children`,
        { authorization: `Bearer ${ws.token}`, "notion-version": "2025-09-03", "content-type": "" },
        body,
      ),
    );
    expect(empty.status).toBe(200);
    expect(await childTexts(client, page.id)).toEqual(["listed", "empty"]);
  });
});

describe("invalid UTF-8", () => {
  it("is Notion's invalid_json, not text stored with U+FFFD", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const page = await workspacePage(client, "Before");
    const json = Buffer.from(JSON.stringify({ properties: { title: { title: text("a__b") } } }));
    const at = json.indexOf("__");
    json[at] = 0xff;
    json[at + 1] = 0xfe;
    const response = await ws.fetch(`/v1/pages/${page.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: json,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      object: "error",
      status: 400,
      code: "invalid_json",
      message: "Error parsing JSON body.",
    });
    expect(await titleOf(ws, page.id)).toBe("Before");
    // Overlong and surrogate encodings are not UTF-8 either (RFC 3629 §3).
    for (const bytes of [
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
    ]) {
      const bad = Buffer.concat([Buffer.from('{"children":["'), Buffer.from(bytes), Buffer.from('"]}')]);
      expect((await patchChildren(ws, page.id, bad)).status).toBe(400);
    }
  });
});
