import type { Client } from "@notionhq/client";
import type { JsonObject } from "../../../src/domain/validation.ts";
import { createTemplate } from "../../../src/services/templates/data-source-templates.ts";
import type { Viewer } from "../../../src/services/access/viewer.ts";
import type { TestServer, TestWorkspace } from "../../support/quire.ts";
import { text } from "../helpers.ts";

/** The workspace owner as a service-level viewer (templates are made outside the public API). */
export function ownerViewer(ws: TestWorkspace): Viewer {
  return { workspaceId: ws.id, workspaceName: "Test Workspace", userId: ws.ownerId, integration: null };
}

/** A template named `name` in a data source, from a pages.create-shaped body. */
export async function addTemplate(
  server: TestServer,
  ws: TestWorkspace,
  sourceId: string,
  name: string,
  body: JsonObject = {},
  isDefault = false,
): Promise<string> {
  const properties = { Name: { title: text(name) }, ...((body.properties as JsonObject | undefined) ?? {}) };
  return createTemplate(server.ctx, ownerViewer(ws), sourceId, { ...body, properties }, { isDefault });
}

export async function templateNames(client: Client, sourceId: string, name?: string): Promise<string[]> {
  const response = await client.dataSources.listTemplates({
    data_source_id: sourceId,
    ...(name === undefined ? {} : { name }),
  });
  return response.templates.map((t) => t.name);
}
