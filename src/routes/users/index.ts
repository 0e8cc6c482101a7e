import type { FastifyInstance } from "fastify";
import { apiRoute } from "../../http/api-route.ts";
import { presentList } from "../../presenters/present-list.ts";
import { presentUser } from "../../presenters/present-user.ts";
import type { ServiceContext } from "../../services/context.ts";
import { botOwners, getSelf, getUser, listUsers } from "../../services/identity/user-service.ts";
import { parseGetUser, parseListUsers } from "./schema.ts";

export function registerUserRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  apiRoute(app, ctx, "GET", "/v1/users/me", async ({ viewer }) => {
    const user = await getSelf(ctx, viewer);
    return presentUser(user, viewer, await botOwners(ctx, viewer, [user]));
  });

  apiRoute(app, ctx, "GET", "/v1/users/:user_id", async ({ viewer, params }) => {
    const user = await getUser(ctx, viewer, parseGetUser(params).userId);
    return presentUser(user, viewer, await botOwners(ctx, viewer, [user]));
  });

  apiRoute(app, ctx, "GET", "/v1/users", async ({ viewer, query }) => {
    const page = await listUsers(ctx, viewer, parseListUsers(query));
    const owners = await botOwners(ctx, viewer, page.results);
    return presentList(
      "user",
      page.results.map((u) => presentUser(u, viewer, owners)),
      page.nextCursor,
    );
  });
}
