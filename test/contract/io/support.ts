import type { Client } from "@notionhq/client";
import type { TestServer, TestWorkspace } from "../../support/quire.ts";
import type { Viewer } from "../../../src/services/access/viewer.ts";

export function ownerViewer(ws: TestWorkspace): Viewer {
  return { workspaceId: ws.id, workspaceName: "Test Workspace", userId: ws.ownerId, integration: null };
}

export async function markdownOf(client: Client, pageId: string): Promise<string> {
  return (await client.pages.retrieveMarkdown({ page_id: pageId })).markdown;
}

/** Child pages and databases of a page, by title. */
export async function childObjects(
  client: Client,
  pageId: string,
): Promise<Map<string, { id: string; type: string }>> {
  const out = new Map<string, { id: string; type: string }>();
  const { results } = await client.blocks.children.list({ block_id: pageId, page_size: 100 });
  for (const block of results) {
    if (!("type" in block)) continue;
    if (block.type === "child_page") out.set(block.child_page.title, { id: block.id, type: "page" });
    if (block.type === "child_database")
      out.set(block.child_database.title, { id: block.id, type: "database" });
  }
  return out;
}

export type { TestServer };
