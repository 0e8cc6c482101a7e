import { presentUser } from "../../presenters/present-user.ts";
import { getSelf, getUser, listUsers } from "../../services/identity/user-service.ts";
import { optionalInteger, optionalString } from "../args.ts";
import { readId, userUrl } from "../ids.ts";
import type { Tool } from "../tool.ts";
import type { Viewer } from "../../services/access/viewer.ts";

/** A person or bot as the user services return them (the type lives in storage/). */
type UserRecord = Awaited<ReturnType<typeof getSelf>>;

function shown(user: UserRecord, viewer: Viewer) {
  const json = presentUser(user, viewer) as { name?: unknown; person?: { email?: string } };
  return {
    type: user.type,
    id: user.id,
    url: userUrl(user.id),
    name: json.name ?? null,
    ...(json.person?.email ? { email: json.person.email } : {}),
  };
}

export const getUsersTool: Tool = {
  name: "notion-get-users",
  title: "Get users",
  readOnly: true,
  description:
    'List the people and bots of the workspace (JSON), optionally only those whose name or email contains query; user_id "self" (or an id) returns one user.',
  inputSchema: {
    type: "object",
    properties: {
      query: { type: "string", description: "Only users whose name or email contains this text." },
      user_id: { type: "string", description: '"self" for the caller, or a user id or user:// URL.' },
      start_cursor: { type: "string", description: "next_cursor of the previous call." },
      page_size: { type: "integer", minimum: 1, maximum: 100, description: "Users per call (default 100)." },
    },
  },
  async run({ ctx, viewer, args }) {
    const userId = optionalString(args, "user_id");
    if (userId !== undefined) {
      const user =
        userId === "self"
          ? await getSelf(ctx, viewer)
          : await getUser(ctx, viewer, readId(userId, "user_id").id);
      return JSON.stringify({ results: [shown(user, viewer)], has_more: false, next_cursor: null });
    }
    const query = optionalString(args, "query")?.trim().toLowerCase();
    const page = await listUsers(ctx, viewer, {
      pageSize: optionalInteger(args, "page_size", 1, 100) ?? 100,
      startCursor: optionalString(args, "start_cursor"),
    });
    const results = page.results
      .map((u) => shown(u, viewer))
      .filter(
        (u) =>
          !query ||
          String(u.name ?? "")
            .toLowerCase()
            .includes(query) ||
          u.email?.toLowerCase().includes(query),
      );
    return JSON.stringify({ results, has_more: page.nextCursor !== null, next_cursor: page.nextCursor });
  },
};
