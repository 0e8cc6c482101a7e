import { APIResponseError, type Client } from "@notionhq/client";
import { APIResponseError as APIResponseErrorV4, type Client as ClientV4 } from "notion-client-v4";
import { compactId } from "../../src/domain/ids.ts";
import { forgetCachedTokens } from "../../src/services/identity/auth-service.ts";
import { disconnect } from "../../src/services/sharing/connection-service.ts";
import { revokeInternalSecret } from "../../src/services/identity/integration-service.ts";
import { hashToken } from "../../src/services/identity/tokens.ts";
import { type Capability, DEFAULT_CAPABILITIES } from "../../src/services/access/viewer.ts";
import { createPersonalToken } from "../../src/services/identity/workspace-service.ts";
import type { TestServer } from "../support/quire.ts";
import { type Scenario, secretMentions, sharedIntegration } from "./scenario.ts";

/**
 * The permission-boundary matrix: token kinds × targets × operations, each cell one or more requests
 * whose status must be what Notion answers, and whose 2xx bodies must hold nothing the token may not
 * reach (the scenario's `forbidden` titles and ids).
 */

export type Access =
  | { kind: "owner" }
  | { kind: "integration"; shared: boolean; capabilities: ReadonlySet<Capability> }
  | { kind: "invalid" };

export interface TokenKind {
  name: string;
  make(server: TestServer, scenario: Scenario): Promise<{ token: string; access: Access }>;
}

const integration = (name: string, capabilities: Capability[]): TokenKind => ({
  name,
  make: async (server, scenario) => ({
    token: (await sharedIntegration(server, scenario, capabilities)).token,
    access: { kind: "integration", shared: true, capabilities: new Set(capabilities) },
  }),
});

export const TOKEN_KINDS: TokenKind[] = [
  {
    name: "owner's personal token",
    make: async (_, s) => ({ token: s.ws.token, access: { kind: "owner" } }),
  },
  integration("integration, all content and comments, no emails", DEFAULT_CAPABILITIES),
  integration("integration with user emails", [...DEFAULT_CAPABILITIES, "user_info_email"]),
  integration("integration read only", ["read"]),
  integration("integration read + update", ["read", "update"]),
  integration("integration read + insert", ["read", "insert"]),
  integration("integration without comments", ["read", "update", "insert", "user_info"]),
  {
    name: "integration whose share was removed",
    make: async (server, scenario) => {
      const { id, token } = await sharedIntegration(server, scenario, DEFAULT_CAPABILITIES);
      await disconnect(server.ctx, scenario.ws.id, id, scenario.ids.shared);
      return {
        token,
        access: { kind: "integration", shared: false, capabilities: new Set(DEFAULT_CAPABILITIES) },
      };
    },
  },
  {
    name: "revoked personal token",
    make: async (server, scenario) => {
      const token = await createPersonalToken(server.ctx, scenario.ws.id, scenario.ws.ownerId);
      await server.store.db
        .updateTable("tokens")
        .set({ revokedTime: new Date().toISOString() })
        .where("tokenHash", "=", hashToken(token))
        .execute();
      forgetCachedTokens(server.store);
      return { token, access: { kind: "invalid" } };
    },
  },
  {
    name: "revoked integration token",
    make: async (server, scenario) => {
      const { id, token } = await sharedIntegration(server, scenario, DEFAULT_CAPABILITIES);
      await revokeInternalSecret(server.ctx, scenario.ws.id, id);
      return { token, access: { kind: "invalid" } };
    },
  },
  { name: "malformed token", make: async () => ({ token: "ntn_not a token", access: { kind: "invalid" } }) },
];

type TargetKind = "page" | "row" | "comment" | "workspace";

export interface Target {
  name: string;
  kind: TargetKind;
  id(ids: Scenario["ids"]): string;
  /** Reachable by an integration given `Shared`. */
  shared: boolean;
  trashed?: boolean;
  /** Rows: their data source and database, and the properties to fetch one by one. */
  source?(ids: Scenario["ids"]): string;
  database?(ids: Scenario["ids"]): string;
  properties?: string[];
}

const SHARED_ROW_PROPERTIES = ["Name", "Related", "Rolled", "Counted", "Formula"];

export const TARGETS: Target[] = [
  { name: "shared page", kind: "page", id: (i) => i.shared, shared: true },
  { name: "child of the shared page", kind: "page", id: (i) => i.child, shared: true },
  { name: "trashed shared page", kind: "page", id: (i) => i.trashed, shared: true, trashed: true },
  { name: "unshared page", kind: "page", id: (i) => i.secretPage, shared: false },
  {
    name: "row of a shared database relating to an unshared one",
    kind: "row",
    id: (i) => i.sharedRow,
    shared: true,
    source: (i) => i.sharedSource,
    database: (i) => i.sharedDb,
    properties: SHARED_ROW_PROPERTIES,
  },
  {
    name: "row of an unshared database",
    kind: "row",
    id: (i) => i.secretRow,
    shared: false,
    source: (i) => i.relatedSource,
    database: (i) => i.relatedDb,
    properties: ["Name"],
  },
  { name: "comment on an unshared page", kind: "comment", id: (i) => i.secretComment, shared: false },
  { name: "the workspace (search)", kind: "workspace", id: () => "", shared: true },
];

export interface Reply {
  status: number;
  body: unknown;
}

export interface Call {
  client: Client;
  v4: ClientV4;
  scenario: Scenario;
  target: Target;
  publicUrl: string;
}

export interface Operation {
  name: string;
  on: TargetKind[];
  needs: Capability;
  writes?: boolean;
  run(call: Call): Promise<Reply[]>;
}

async function reply(request: () => Promise<unknown>): Promise<Reply> {
  try {
    return { status: 200, body: await request() };
  } catch (error) {
    if (error instanceof APIResponseError || error instanceof APIResponseErrorV4)
      return { status: error.status, body: error.body };
    throw error;
  }
}

const one = (request: () => Promise<unknown>) => async () => [await reply(request)];
const idOf = (c: Call) => c.target.id(c.scenario.ids);
const UNKNOWN_PAGE = "0f0f0f0f-0f0f-4f0f-8f0f-0f0f0f0f0f0f";

function titleWrite(c: Call): Record<string, { title: ReturnType<typeof secretMentions> }> {
  return {
    [c.target.kind === "row" ? "Name" : "title"]: { title: secretMentions(c.scenario.ids, "Edited ") },
  };
}

export const OPERATIONS: Operation[] = [
  {
    name: "pages.retrieve",
    on: ["page", "row"],
    needs: "read",
    run: (c) => one(() => c.client.pages.retrieve({ page_id: idOf(c) }))(),
  },
  {
    name: "pages.properties.retrieve",
    on: ["page", "row"],
    needs: "read",
    run: (c) =>
      Promise.all(
        (c.target.properties ?? ["title"]).map((property) =>
          reply(() => c.client.pages.properties.retrieve({ page_id: idOf(c), property_id: property })),
        ),
      ),
  },
  {
    name: "blocks.retrieve",
    on: ["page", "row"],
    needs: "read",
    run: (c) => one(() => c.client.blocks.retrieve({ block_id: idOf(c) }))(),
  },
  {
    name: "blocks.children.list",
    on: ["page", "row"],
    needs: "read",
    run: (c) => one(() => c.client.blocks.children.list({ block_id: idOf(c) }))(),
  },
  {
    name: "pages.retrieveMarkdown",
    on: ["page", "row"],
    needs: "read",
    run: (c) => one(() => c.client.pages.retrieveMarkdown({ page_id: idOf(c) }))(),
  },
  {
    name: "comments.list",
    on: ["page", "row", "comment"],
    needs: "read_comments",
    run: (c) =>
      one(() =>
        c.client.comments.list({
          block_id: c.target.kind === "comment" ? c.scenario.ids.secretPage : idOf(c),
        }),
      )(),
  },
  {
    name: "comments.retrieve",
    on: ["comment"],
    needs: "read_comments",
    run: (c) => one(() => c.client.comments.retrieve({ comment_id: idOf(c) }))(),
  },
  {
    name: "pages.update (title mentioning unshared objects)",
    on: ["page", "row"],
    needs: "update",
    writes: true,
    run: (c) => one(() => c.client.pages.update({ page_id: idOf(c), properties: titleWrite(c) }))(),
  },
  {
    name: "blocks.children.append (mentions of unshared and unknown pages)",
    on: ["page", "row"],
    needs: "insert",
    writes: true,
    run: (c) =>
      one(() =>
        c.client.blocks.children.append({
          block_id: idOf(c),
          children: [
            {
              type: "paragraph",
              paragraph: {
                rich_text: [
                  ...secretMentions(c.scenario.ids),
                  { type: "mention", mention: { type: "page", page: { id: UNKNOWN_PAGE } } },
                ],
              },
            },
          ],
        }),
      )(),
  },
  {
    name: "pages.updateMarkdown (mention-page of an unshared page)",
    on: ["page", "row"],
    needs: "update",
    writes: true,
    run: (c) =>
      one(() =>
        c.client.pages.updateMarkdown({
          page_id: idOf(c),
          type: "insert_content",
          insert_content: {
            content: `Also <mention-page url="${c.publicUrl}/${compactId(c.scenario.ids.mentionedPage)}"/>`,
          },
        }),
      )(),
  },
  {
    name: "comments.create (mentions of unshared objects)",
    on: ["page", "row", "comment"],
    needs: "insert_comments",
    writes: true,
    run: (c) =>
      one(() =>
        c.target.kind === "comment"
          ? c.client.comments.create({
              discussion_id: c.scenario.secretDiscussion,
              rich_text: secretMentions(c.scenario.ids, "Reply "),
            })
          : c.client.comments.create({
              parent: { page_id: idOf(c) },
              rich_text: secretMentions(c.scenario.ids, "Note "),
            }),
      )(),
  },
  {
    name: "comments.update",
    on: ["comment"],
    needs: "insert_comments",
    writes: true,
    run: (c) =>
      one(() =>
        c.client.comments.update({
          comment_id: idOf(c),
          rich_text: secretMentions(c.scenario.ids, "Reworded "),
        }),
      )(),
  },
  {
    name: "dataSources.retrieve",
    on: ["row"],
    needs: "read",
    run: (c) =>
      one(() => c.client.dataSources.retrieve({ data_source_id: c.target.source?.(c.scenario.ids) ?? "" }))(),
  },
  {
    name: "dataSources.query",
    on: ["row"],
    needs: "read",
    run: (c) =>
      one(() => c.client.dataSources.query({ data_source_id: c.target.source?.(c.scenario.ids) ?? "" }))(),
  },
  {
    name: "databases.retrieve (2025-09-03 and 2022-06-28)",
    on: ["row"],
    needs: "read",
    run: async (c) => {
      const database_id = c.target.database?.(c.scenario.ids) ?? "";
      return [
        await reply(() => c.client.databases.retrieve({ database_id })),
        await reply(() => c.v4.databases.retrieve({ database_id })),
        await reply(() => c.v4.databases.query({ database_id })),
      ];
    },
  },
  {
    name: "search (every title, both versions)",
    on: ["workspace"],
    needs: "read",
    run: async (c) => {
      const queries = ["", "Secret", "Shared", ...c.scenario.titles];
      const replies: Reply[] = [];
      for (const query of queries) {
        replies.push(await reply(() => c.client.search({ query })));
        replies.push(await reply(() => c.v4.search({ query })));
      }
      return replies;
    },
  },
];

/** What Notion answers: 401 before anything, then capabilities (403), then sharing (404), then trash. */
export function expectedStatus(access: Access, target: Target, operation: Operation): number {
  if (access.kind === "invalid") return 401;
  if (access.kind === "integration") {
    if (!access.capabilities.has(operation.needs)) return 403;
    if (target.kind !== "workspace" && !(access.shared && target.shared)) return 404;
  }
  if (operation.writes && target.trashed) return 400;
  return 200;
}

/** Forbidden strings found in a body, once each. */
export function leaksIn(body: unknown, forbidden: string[]): string[] {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return forbidden.filter((f) => text.includes(f));
}
