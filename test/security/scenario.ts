import { randomBytes } from "node:crypto";
import type { Client } from "@notionhq/client";
import { compactId } from "../../src/domain/ids.ts";
import { createIntegration, shareWithIntegration } from "../../src/services/identity/workspace-service.ts";
import type { TestServer, TestWorkspace } from "../support/quire.ts";
import { childPage, workspacePage } from "../contract/helpers.ts";
import { addRow, newTable } from "../contract/databases/fixtures.ts";

/**
 * One workspace the permission matrix probes. The owner builds it; an integration is given `Shared`.
 *
 *   Root (not shared)
 *   ├─ Shared ─ a paragraph mentioning Mentioned page and Mentioned db, and a comment mentioning them
 *   │  ├─ Child: its title mentions Mentioned page
 *   │  ├─ Trashed (in the trash, with the same paragraph)
 *   │  └─ Shared db: Name, Related → Related db, Rolled (show_original of Name), Counted, Formula
 *   │     └─ Shared row: Related = [Secret row]
 *   └─ Secret area (not shared)
 *      ├─ Secret page, with a comment
 *      ├─ Mentioned page, Mentioned db (their ids appear in mentions, as on Notion; never their titles)
 *      └─ Related db ─ Secret row
 *
 * Every title is one word with a random tag, so a title shows up whole in JSON, HTML and URL slugs.
 */
export interface Scenario {
  ws: TestWorkspace;
  owner: Client;
  ids: {
    root: string;
    shared: string;
    child: string;
    trashed: string;
    secretArea: string;
    secretPage: string;
    mentionedPage: string;
    mentionedDb: string;
    sharedDb: string;
    sharedSource: string;
    sharedRow: string;
    relatedDb: string;
    relatedSource: string;
    secretRow: string;
    secretComment: string;
    sharedComment: string;
  };
  /** The discussion of the comment on Secret page. */
  secretDiscussion: string;
  /** Titles and texts of the unshared objects. */
  titles: string[];
  /** What an integration given `Shared` must never read: those titles and the ids of unshared objects. */
  forbidden: string[];
  /** The shared area's integration, for kinds that use it. */
  integrationName: string;
}

export const INTEGRATION = "Matrix Bot";

/** Letters only, none of them hex digits: a hex tail would run into the id of a URL slug. */
const TAG_LETTERS = "ghjkmnpqrstvwxyz";

function tagged(name: string): string {
  return `${name}${[...randomBytes(8)].map((b) => TAG_LETTERS[b % TAG_LETTERS.length]).join("")}`;
}

const mention = (type: "page" | "database", id: string) => ({
  type: "mention" as const,
  mention: type === "page" ? { type, page: { id } } : { type, database: { id } },
});
const words = (content: string) => ({ type: "text" as const, text: { content } });

/** Rich text that mentions both objects no integration of the scenario may read. */
export function secretMentions(ids: { mentionedPage: string; mentionedDb: string }, lead = "See ") {
  return [
    words(lead),
    mention("page", ids.mentionedPage),
    words(" and "),
    mention("database", ids.mentionedDb),
  ];
}

export async function buildScenario(server: TestServer): Promise<Scenario> {
  const ws = await server.workspace();
  const owner = ws.client();
  const t = {
    root: tagged("Root"),
    secretArea: tagged("SecretArea"),
    secretPage: tagged("SecretPage"),
    mentionedPage: tagged("SecretMentioned"),
    mentionedDb: tagged("SecretMentionedDb"),
    relatedDb: tagged("SecretRelatedDb"),
    secretRow: tagged("SecretRow"),
    secretComment: tagged("SecretComment"),
  };
  const root = await workspacePage(owner, t.root);
  const secretArea = await childPage(owner, root.id, t.secretArea);
  const secretPage = await childPage(owner, secretArea.id, t.secretPage);
  const mentionedPage = await childPage(owner, secretArea.id, t.mentionedPage);
  const mentionedDb = await newTable(ws, {}, { title: t.mentionedDb, rootId: secretArea.id, client: owner });
  const related = await newTable(ws, {}, { title: t.relatedDb, rootId: secretArea.id, client: owner });
  const secretRow = await addRow(related, t.secretRow);
  const secretComment = await owner.comments.create({
    parent: { page_id: secretPage.id },
    rich_text: [words(t.secretComment)],
  });

  const secretIds = { mentionedPage: mentionedPage.id, mentionedDb: mentionedDb.databaseId };
  const shared = await childPage(owner, root.id, tagged("Shared"));
  await owner.blocks.children.append({
    block_id: shared.id,
    children: [{ type: "paragraph", paragraph: { rich_text: secretMentions(secretIds) } }],
  });
  const sharedComment = await owner.comments.create({
    parent: { page_id: shared.id },
    rich_text: secretMentions(secretIds, "Compare "),
  });
  const child = await owner.pages.create({
    parent: { type: "page_id", page_id: shared.id },
    properties: { title: { title: [words("Child of "), mention("page", mentionedPage.id)] } },
  });
  const trashed = await childPage(owner, shared.id, tagged("Trashed"));
  await owner.blocks.children.append({
    block_id: trashed.id,
    children: [{ type: "paragraph", paragraph: { rich_text: secretMentions(secretIds) } }],
  });
  await owner.pages.update({ page_id: trashed.id, in_trash: true });
  const sharedDb = await newTable(
    ws,
    {
      Related: { relation: { data_source_id: related.dataSourceId, single_property: {} } },
      Rolled: {
        rollup: {
          function: "show_original",
          relation_property_name: "Related",
          rollup_property_name: "Name",
        },
      },
      Counted: {
        rollup: { function: "count", relation_property_name: "Related", rollup_property_name: "Name" },
      },
      Formula: { formula: { expression: 'prop("Related")' } },
    },
    { title: tagged("SharedDb"), rootId: shared.id, client: owner },
  );
  const sharedRow = await addRow(sharedDb, tagged("SharedRow"), {
    Related: { relation: [{ id: secretRow.id }] },
  });

  const ids = {
    root: root.id,
    shared: shared.id,
    child: child.id,
    trashed: trashed.id,
    secretArea: secretArea.id,
    secretPage: secretPage.id,
    mentionedPage: mentionedPage.id,
    mentionedDb: mentionedDb.databaseId,
    sharedDb: sharedDb.databaseId,
    sharedSource: sharedDb.dataSourceId,
    sharedRow: sharedRow.id,
    relatedDb: related.databaseId,
    relatedSource: related.dataSourceId,
    secretRow: secretRow.id,
    secretComment: secretComment.id,
    sharedComment: sharedComment.id,
  };
  // Mentioned ids may appear (a mention "is returned with just the ID"), and so may Root's, as the
  // parent of Shared (Notion serves parents that are not shared); no other id of an unshared object may.
  const hiddenIds = [
    ids.secretArea,
    ids.secretPage,
    ids.relatedDb,
    ids.relatedSource,
    mentionedDb.dataSourceId,
    ids.secretRow,
    ids.secretComment,
  ];
  const forbidden = [...Object.values(t), ...hiddenIds.flatMap((id) => [id, compactId(id)])];
  return {
    ws,
    owner,
    ids,
    secretDiscussion: "discussion_id" in secretComment ? secretComment.discussion_id : "",
    titles: Object.values(t),
    forbidden,
    integrationName: INTEGRATION,
  };
}

/** An internal integration of the scenario's workspace given `Shared`; its id lets a test revoke it. */
export async function sharedIntegration(
  server: TestServer,
  scenario: Scenario,
  capabilities: Parameters<typeof createIntegration>[2]["capabilities"],
): Promise<{ id: string; token: string }> {
  const { integration, token } = await createIntegration(server.ctx, scenario.ws.id, {
    name: scenario.integrationName,
    capabilities,
    ownerUserId: scenario.ws.ownerId,
  });
  await shareWithIntegration(server.ctx, scenario.ws.id, scenario.integrationName, scenario.ids.shared);
  return { id: integration.id, token };
}
