import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  type CallToolResult,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ErrorCode,
  ReadResourceRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import type { RateLimiter } from "../http/rate-limit.ts";
import type { Viewer } from "../services/access/viewer.ts";
import type { ServiceContext } from "../services/context.ts";
import { RESOURCES } from "./resources.ts";
import { type ToolFailure, toolFailure } from "./tool-errors.ts";
import { TOOLS } from "./tools/index.ts";

/** The hosted server waits out a rate limit itself when the wait is this short (guides/mcp/rate-limits). */
const MAX_RETRY_WAIT_SECONDS = 2;

export interface McpDeps {
  ctx: ServiceContext;
  viewer: Viewer;
  rateLimiter?: RateLimiter | undefined;
  version: string;
}

function failed(failure: ToolFailure): CallToolResult {
  const error = {
    code: failure.code,
    message: failure.message,
    ...(failure.retryAfterSeconds === undefined ? {} : { retry_after_seconds: failure.retryAfterSeconds }),
  };
  return {
    isError: true,
    content: [{ type: "text", text: JSON.stringify({ error }) }],
    structuredContent: { error },
  };
}

/**
 * Tool calls count against the REST API's limit for the same caller (a person, or an integration).
 * A short wait is waited out once; a longer one is a `rate_limited` tool error with its wait.
 */
async function takeTurn(deps: McpDeps): Promise<CallToolResult | null> {
  const limiter = deps.rateLimiter;
  if (!limiter) return null;
  // Counted as the REST API counts it (http/api-route.ts): per connection and per workspace; the tools count as one endpoint.
  const call = {
    connection: deps.viewer.integration?.id ?? deps.viewer.userId,
    workspace: deps.viewer.workspaceId,
    endpoint: "mcp",
  };
  let refused = await limiter.take(call);
  if (refused !== null && refused.retryAfter <= MAX_RETRY_WAIT_SECONDS) {
    const waitMs = refused.retryAfter * 1000;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    refused = await limiter.take(call);
  }
  if (refused === null) return null;
  const wait = refused.retryAfter;
  return failed({
    code: "rate_limited",
    message: `You have been rate limited. Wait ${wait} seconds, then call the tool again.`,
    retryAfterSeconds: wait,
  });
}

/**
 * One MCP server for one request's caller. `/mcp` is stateless (see mcp-route.ts), so each request
 * builds its server; building it allocates a few handler closures and nothing else.
 */
export function createMcpServer(deps: McpDeps): Server {
  const server = new Server(
    { name: "Quire", version: deps.version },
    {
      capabilities: { tools: {}, resources: {} },
      instructions:
        "Quire's Notion workspace. Find pages with notion-search, read them with notion-fetch (Notion-flavored Markdown), and edit them with notion-update-page.",
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: TOOLS.map((tool) => ({
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      annotations: { title: tool.title, readOnlyHint: tool.readOnly, destructiveHint: !tool.readOnly },
    })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = TOOLS.find((t) => t.name === request.params.name);
    if (!tool)
      return failed({
        code: "unknown_tool",
        message: `There is no tool "${request.params.name}". The tools are: ${TOOLS.map((t) => t.name).join(", ")}.`,
      });
    const limited = await takeTurn(deps);
    if (limited) return limited;
    try {
      const text = await tool.run({
        ctx: deps.ctx,
        viewer: deps.viewer,
        args: request.params.arguments ?? {},
      });
      return { content: [{ type: "text", text }] };
    } catch (error) {
      return failed(toolFailure(error));
    }
  });
  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: RESOURCES.map(({ uri, name, description }) => ({
      uri,
      name,
      description,
      mimeType: "text/markdown",
    })),
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    const resource = RESOURCES.find((r) => r.uri === request.params.uri);
    if (!resource)
      throw new McpError(ErrorCode.InvalidParams, `No resource ${request.params.uri}; see resources/list.`);
    return { contents: [{ uri: resource.uri, mimeType: "text/markdown", text: resource.text }] };
  });
  return server;
}
