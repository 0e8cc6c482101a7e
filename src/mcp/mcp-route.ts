import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { apiRuntimeOf } from "../http/api-runtime.ts";
import type { ServiceContext } from "../services/context.ts";
import { mcpViewer, sendUnauthorized } from "./mcp-auth.ts";
import { createMcpServer } from "./mcp-server.ts";
import { allowCors } from "./oauth-routes.ts";

const SERVER_VERSION = "0.1.0";

/**
 * JSON or an SSE stream, as the client prefers: the Streamable HTTP transport lets the server choose,
 * and clients list both in `Accept`, so the one listed first wins (the SDK's client lists JSON first).
 */
function prefersJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? "";
  const json = accept.indexOf("application/json");
  const sse = accept.indexOf("text/event-stream");
  return json >= 0 && (sse < 0 || json < sse);
}

/**
 * Streamable HTTP at `/mcp` (MCP spec 2025-06-18 "Transports"), run **stateless**: every POST carries
 * its own bearer token and is answered by a server built for it, and no `Mcp-Session-Id` is issued.
 * Nothing a tool does needs a session (no server-initiated requests, no subscriptions), so whichever
 * Quire process a request reaches under `serve --processes N` answers it the same way, with no session
 * table to share and nothing to expire. The price: no standalone GET stream and no resumption of a
 * broken SSE response (a client retries the request instead).
 */
export function registerMcpRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const { rateLimiter } = apiRuntimeOf(app);
  app.route({
    method: ["GET", "DELETE"],
    url: "/mcp",
    handler: async (request, reply) => {
      allowCors(reply);
      const viewer = await mcpViewer(ctx, request.headers.authorization);
      if (!viewer) return sendUnauthorized(reply, ctx, request.headers.authorization !== undefined);
      // Stateless: there is no session to stream to or to end (the transport spec's 405 for both).
      return reply
        .code(405)
        .header("allow", "POST")
        .send({
          jsonrpc: "2.0",
          error: { code: -32000, message: "Method not allowed: this server is stateless; POST requests." },
          id: null,
        });
    },
  });
  app.post("/mcp", async (request, reply) => {
    allowCors(reply);
    const viewer = await mcpViewer(ctx, request.headers.authorization);
    if (!viewer) return sendUnauthorized(reply, ctx, request.headers.authorization !== undefined);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: prefersJson(request),
    });
    const server = createMcpServer({ ctx, viewer, rateLimiter, version: SERVER_VERSION });
    await server.connect(transport);
    reply.hijack();
    // Headers set on the reply are not written once it is hijacked; the transport writes to the raw one.
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) reply.raw.setHeader(name, value);
    reply.raw.on("close", () => {
      void transport.close();
      void server.close();
    });
    await transport.handleRequest(request.raw, reply.raw, request.body);
    return reply;
  });
}
