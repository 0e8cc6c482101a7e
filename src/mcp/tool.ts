import type { Viewer } from "../services/access/viewer.ts";
import type { ServiceContext } from "../services/context.ts";
import type { Args } from "./args.ts";

/** A JSON Schema for a tool's arguments, as `tools/list` shows it. */
export interface InputSchema {
  type: "object";
  properties: Record<string, object>;
  required?: string[];
  additionalProperties?: boolean;
}

export interface ToolCall {
  ctx: ServiceContext;
  viewer: Viewer;
  args: Args;
}

/**
 * One `notion-*` tool (names and parameters of the hosted server, reference mcp-and-workers A2). `run`
 * calls Quire's services as the caller and returns the text an agent reads: Notion-flavored Markdown
 * or JSON, as the hosted tool answers.
 */
export interface Tool {
  name: string;
  title: string;
  description: string;
  inputSchema: InputSchema;
  readOnly: boolean;
  run(call: ToolCall): Promise<string>;
}
