import { optionalString } from "../args.ts";
import type { Tool } from "../tool.ts";

export const getTeamsTool: Tool = {
  name: "notion-get-teams",
  title: "Get teams",
  readOnly: true,
  description:
    "List the teamspaces of the workspace. Quire workspaces have no teamspaces, so the lists are empty; search or fetch pages directly.",
  inputSchema: {
    type: "object",
    properties: { query: { type: "string", description: "Only teamspaces whose name contains this text." } },
  },
  run({ args }) {
    optionalString(args, "query");
    return Promise.resolve(JSON.stringify({ joinedTeamspaces: [], otherTeamspaces: [], hasMore: false }));
  },
};
