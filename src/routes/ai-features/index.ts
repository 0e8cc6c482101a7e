import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { featureUnavailable } from "../../errors.ts";
import type { ServiceContext } from "../../services/context.ts";

/**
 * The SDK 5.24–5.26 endpoints that need Notion AI: Custom Agents (`agents.*`), their chat sessions
 * (`sessions.*`, the SSE `sessions.stream` included) and AI meeting notes (`blocks.meetingNotes.*`).
 * A Quire workspace has neither agents nor transcription, so each answers as Notion does for a
 * resource the token can't use: 403 `restricted_resource`, after the version and the token are
 * checked like any other request (docs/compatibility.md).
 */
const ROUTES = [
  ["GET", "/v1/agents/:agent_id"],
  ["DELETE", "/v1/agents/:agent_id"],
  ["POST", "/v1/agents/query"],
  ["POST", "/v1/agents/batch"],
  ["GET", "/v1/agents/:agent_id/insights"],
  ["PATCH", "/v1/agents/:agent_id/credit_limit"],
  ["PATCH", "/v1/agents/:agent_id/status"],
  ["POST", "/v1/sessions"],
  ["POST", "/v1/sessions/query"],
  ["GET", "/v1/sessions/:session_id"],
  ["POST", "/v1/sessions/:session_id/cancel"],
  ["POST", "/v1/sessions/:session_id/events/query"],
  ["POST", "/v1/blocks/meeting_notes"],
  ["POST", "/v1/blocks/meeting_notes/query"],
] as const;

export function registerAiFeatureRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  for (const [method, url] of ROUTES) {
    apiRoute(app, ctx, method, url, () => Promise.reject(featureUnavailable()));
  }
}
