import { presentDataSource, presentDatabase } from "../../presenters/present-database.ts";
import { presentPage } from "../../presenters/present-page.ts";
import { presentUser } from "../../presenters/present-user.ts";
import { fileLinks } from "../../services/files/file-links.ts";
import { listUsers } from "../../services/identity/user-service.ts";
import { type SearchResult, search } from "../../services/search/search-service.ts";
import { optionalInteger, optionalObject, optionalString, requiredString, wrong } from "../args.ts";
import { collectionUrl, userUrl } from "../ids.ts";
import type { Tool } from "../tool.ts";
import { VERSION, type Wire, pageTitleOf, plainText } from "../workspace.ts";

const SORTS = { relevance: "relevance", last_edited: "descending" } as const;
const STATUSES = ["all_without_archived", "all_with_archived", "archived_only"];

function summary(result: SearchResult, publicUrl: string, files: Awaited<ReturnType<typeof fileLinks>>) {
  if (result.object === "page") {
    const page = presentPage(result.view, VERSION, publicUrl, files) as Wire;
    return {
      id: page.id,
      title: pageTitleOf(page),
      url: page.url,
      type: "page",
      timestamp: page.last_edited_time,
    };
  }
  const json = (
    result.object === "data_source"
      ? presentDataSource(result.view, VERSION, publicUrl, files)
      : presentDatabase(result.view, VERSION, publicUrl, files)
  ) as Wire;
  const isSource = result.object === "data_source";
  return {
    id: json.id,
    title: plainText(json.title),
    url: isSource ? collectionUrl(String(json.id)) : json.url,
    type: isSource ? "data-source" : "database",
    timestamp: json.last_edited_time,
  };
}

/** `query_type: "user"`: people of the workspace whose name or email contains the query. */
async function searchUsers(call: Parameters<Tool["run"]>[0], query: string, pageSize: number) {
  const needle = query.trim().toLowerCase();
  const found = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers(call.ctx, call.viewer, { pageSize: 100, startCursor: cursor });
    for (const user of page.results) {
      const shown = presentUser(user, call.viewer) as Wire & { person?: { email?: string } };
      const email = shown.person?.email;
      const name = typeof shown.name === "string" ? shown.name : "";
      if (needle && !name.toLowerCase().includes(needle) && !email?.toLowerCase().includes(needle)) continue;
      found.push({
        id: user.id,
        title: name,
        url: userUrl(user.id),
        type: "user",
        ...(email ? { email } : {}),
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && found.length < pageSize);
  return { results: found.slice(0, pageSize), type: "user_search" };
}

export const searchTool: Tool = {
  name: "notion-search",
  title: "Search Notion",
  readOnly: true,
  description:
    "Search the Notion workspace for pages, databases and data sources by title and content, or (with " +
    'query_type "user") for people by name or email. Returns JSON: results with id, title, url and type. ' +
    "Use notion-fetch with a result's url to read it.",
  inputSchema: {
    type: "object",
    properties: {
      query: { type: "string", description: "Words to search for. Required." },
      query_type: {
        type: "string",
        enum: ["internal", "user"],
        description: '"internal" (default) searches pages and databases; "user" searches people.',
      },
      filters: {
        type: "object",
        description: "Optional narrowing of internal searches.",
        properties: {
          title_only: { type: "boolean", description: "Match titles only, not page content." },
          content_status: {
            type: "string",
            enum: STATUSES,
            description: "Whether trashed pages are searched (default all_without_archived).",
          },
        },
      },
      sort: {
        type: "string",
        enum: Object.keys(SORTS),
        description: "relevance (default) or last_edited (most recently edited first).",
      },
      page_size: {
        type: "integer",
        minimum: 1,
        maximum: 100,
        description: "Results to return (default 10).",
      },
    },
    required: ["query"],
  },
  async run(call) {
    const { args } = call;
    const query = requiredString(args, "query");
    const pageSize = optionalInteger(args, "page_size", 1, 100) ?? 10;
    const type = optionalString(args, "query_type") ?? "internal";
    if (type === "user") return JSON.stringify(await searchUsers(call, query, pageSize));
    if (type !== "internal") wrong("query_type", '"internal" or "user"', type);
    const filters = optionalObject(args, "filters") ?? {};
    const status =
      optionalString(filters, "content_status", "filters.content_status") ?? "all_without_archived";
    if (!STATUSES.includes(status)) wrong("filters.content_status", STATUSES.join(", "), status);
    const sortName = optionalString(args, "sort") ?? "relevance";
    const order = SORTS[sortName as keyof typeof SORTS];
    if (!order) wrong("sort", Object.keys(SORTS).join(" or "), sortName);
    const { results } = await search(
      call.ctx,
      call.viewer,
      {
        query,
        object: undefined,
        trashed: status !== "all_without_archived",
        order,
        page: { pageSize, startCursor: undefined },
        content: filters.title_only !== true,
      },
      VERSION,
    );
    const files = await fileLinks(call.ctx);
    const shown = results
      .filter((r) => status !== "archived_only" || (r.object === "page" ? r.view.page : r.view.block).inTrash)
      .map((r) => summary(r, call.ctx.publicUrl, files));
    return JSON.stringify({ results: shown, type: "workspace_search" });
  },
};
