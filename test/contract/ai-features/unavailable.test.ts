import { APIErrorCode, type Client } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, type TestWorkspace, startTestServer } from "../../support/quire.ts";
import { expectApiError } from "../helpers.ts";

/**
 * SDK 5.26's Custom Agents, sessions and AI meeting notes need Notion AI and transcription, which a
 * Quire workspace doesn't have: every one of those calls answers 403 `restricted_resource` through the
 * SDK, for an integration and for a person's token alike, once version and token are checked.
 */

let server: TestServer;
let ws: TestWorkspace;
beforeAll(async () => {
  server = await startTestServer();
  ws = await server.workspace();
});
afterAll(async () => {
  await server.close();
});

const id = "1f0c7c06-781b-4987-9986-5c8dd3028013";

function calls(client: Client): Record<string, () => Promise<unknown>> {
  return {
    "agents.retrieve": () => client.agents.retrieve({ agent_id: id }),
    "agents.query": () => client.agents.query({}),
    "agents.retrieveInsights": () => client.agents.retrieveInsights({ agent_id: id }),
    "agents.updateCreditLimit": () => client.agents.updateCreditLimit({ agent_id: id, credit_limit: 500 }),
    "agents.updateStatus": () => client.agents.updateStatus({ agent_id: id, status: "disabled" }),
    "agents.delete": () => client.agents.delete({ agent_id: id }),
    "agents.batch": () =>
      client.agents.batch({
        operations: [{ action: "update_status", agent_id: id, fields: { status: "active" } }],
      }),
    "sessions.retrieve": () => client.sessions.retrieve({ session_id: id }),
    "sessions.update": () => client.sessions.update({ message: "Hello", agent_id: id }),
    "sessions.stream": async () => {
      for await (const event of client.sessions.stream({ message: "Hello", agent_id: id })) return event;
      return undefined;
    },
    "sessions.cancel": () => client.sessions.cancel({ session_id: id }),
    "sessions.query": () => client.sessions.query({}),
    "sessions.queryEvents": () => client.sessions.queryEvents({ session_id: id }),
    "blocks.meetingNotes.create": () =>
      client.blocks.meetingNotes.create({ source: { type: "block", block_id: id } }),
    "blocks.meetingNotes.query": () => client.blocks.meetingNotes.query({}),
  };
}

describe("features that need Notion AI", () => {
  it("answer every SDK call with 403 restricted_resource, for integrations and people", async () => {
    const bot = ws.client(await ws.integration("Agent caller"));
    for (const client of [bot, ws.client(ws.token, "2026-03-11")]) {
      for (const [name, call] of Object.entries(calls(client))) {
        const error = await expectApiError(call(), {
          status: 403,
          code: APIErrorCode.RestrictedResource,
          message: "API token does not have access to this resource.",
        }).catch((cause: unknown) => {
          throw new Error(`${name}: ${String(cause)}`);
        });
        expect(error.body).toContain('"object":"error"');
      }
    }
  });

  it("check the token first, like every endpoint", async () => {
    await expectApiError(ws.client("ntn_wrong").agents.query({}), {
      status: 401,
      code: APIErrorCode.Unauthorized,
    });
  });
});
