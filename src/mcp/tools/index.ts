import type { Tool } from "../tool.ts";
import { createCommentTool, getCommentsTool } from "./comments.ts";
import { createPagesTool } from "./create-pages.ts";
import { fetchTool } from "./fetch.ts";
import { queryDataSourcesTool } from "./query-data-sources.ts";
import { searchTool } from "./search.ts";
import { updatePageTool } from "./update-page.ts";
import { getUsersTool } from "./users.ts";
import { movePagesTool } from "./move-pages.ts";
import { getTeamsTool } from "./teams.ts";
import { createDatabaseTool } from "./create-database.ts";
import { updateDataSourceTool } from "./update-data-source.ts";

/** The tools `/mcp` serves, in the order `tools/list` shows them. */
export const TOOLS: Tool[] = [
  searchTool,
  fetchTool,
  createPagesTool,
  updatePageTool,
  getCommentsTool,
  createCommentTool,
  getUsersTool,
  queryDataSourcesTool,
  movePagesTool,
  createDatabaseTool,
  updateDataSourceTool,
  getTeamsTool,
];
