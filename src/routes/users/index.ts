import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { presentList } from "../../presenters/present-list.ts";
import { presentBotSelf, presentUser } from "../../presenters/present-user.ts";
import type { ServiceContext } from "../../services/context.ts";
import { getBotOwner, getSelf, getUser, listUsers } from "../../services/identity/user-service.ts";
import { parseGetUser, parseListUsers } from "./schema.ts";

export function registerUserRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "GET", "/v1/users/me", async ({ viewer }) => {
    const user = await getSelf(ctx, viewer);
    if (user.type !== "bot") return presentUser(user, viewer);
    return presentBotSelf(user, viewer, await getBotOwner(ctx, viewer));
  });

  apiRoute(app, ctx, "GET", "/v1/users/:user_id", async ({ viewer, params }) =>
    presentUser(await getUser(ctx, viewer, parseGetUser(params).userId), viewer),
  );

  apiRoute(app, ctx, "GET", "/v1/users", async ({ viewer, query }) => {
    const page = await listUsers(ctx, viewer, parseListUsers(query));
    return presentList(
      "user",
      page.results.map((u) => presentUser(u, viewer)),
      page.nextCursor,
    );
  });
}
