import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { expect } from "vitest";

/** The MCP SDK's client on Streamable HTTP, sending the token as `Authorization: Bearer`. */
export async function mcpClient(serverUrl: string, token: string): Promise<Client> {
  const client = new Client({ name: "quire-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(`${serverUrl}/mcp`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

export async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The text of a successful tool call (fails the test with the tool's error otherwise). */
export async function callText(client: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(client, name, args);
  const first = result.content[0];
  const text = first?.type === "text" ? first.text : "";
  expect(result.isError ?? false, text).toBe(false);
  return text;
}

export async function callJson<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<T> {
  return JSON.parse(await callText(client, name, args)) as T;
}

/** A tool error: its code and message, as `structuredContent.error` carries them. */
export async function callError(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<{ code: string; message: string }> {
  const result = await call(client, name, args);
  expect(result.isError).toBe(true);
  const error = (result.structuredContent as { error: { code: string; message: string } }).error;
  const first = result.content[0];
  expect(first?.type === "text" ? JSON.parse(first.text) : null).toEqual({ error });
  return error;
}
