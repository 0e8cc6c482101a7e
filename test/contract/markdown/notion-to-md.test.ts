import { NotionToMarkdown } from "notion-to-md";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";
import { childPage, fullPage, workspacePage } from "../helpers.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("notion-to-md against a real Quire", () => {
  it("renders a page with nested toggles, lists, a table, code and a child page", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const root = await workspacePage(client, "Root");
    const page = fullPage(
      await client.pages.create({
        parent: { page_id: root.id },
        markdown: [
          "# Handbook",
          "Intro with **bold** text.",
          "<details>",
          "<summary>More</summary>",
          "\tHidden paragraph",
          "\t- hidden bullet",
          "</details>",
          "- first",
          "\t- nested",
          "1. one",
          "1. two",
          '<table header-row="true">',
          "\t<tr>",
          "\t\t<td>Name</td>",
          "\t\t<td>Role</td>",
          "\t</tr>",
          "\t<tr>",
          "\t\t<td>Ada</td>",
          "\t\t<td>Engineer</td>",
          "\t</tr>",
          "</table>",
          "```python",
          "print('hi')",
          "```",
        ].join("\n"),
      }),
    );
    const appendix = await childPage(client, page.id, "Appendix");
    await client.pages.updateMarkdown({
      page_id: appendix.id,
      type: "insert_content",
      insert_content: { content: "Appendix body" },
    });
    const n2m = new NotionToMarkdown({ notionClient: client });
    const blocks = await n2m.pageToMarkdown(page.id);
    const markdown = n2m.toMarkdownString(blocks).parent;
    expect(markdown).toContain("Intro with **bold** text.");
    expect(markdown).toMatch(
      /<details>\s*<summary>More<\/summary>[\s\S]*Hidden paragraph[\s\S]*- hidden bullet/,
    );
    expect(markdown).toMatch(/- first\n\s+- nested/);
    expect(markdown).toMatch(/1\. one\n+2\. two/);
    expect(markdown).toContain("| Name | Role     |\n| ---- | -------- |\n| Ada  | Engineer |");
    expect(markdown).toContain("```python\nprint('hi')\n```");
    // notion-to-md follows the child page through the same API and inlines it under its title.
    expect(markdown).toMatch(/## Appendix\n+Appendix body/);
  });
});
