import { unauthorized } from "../errors.ts";
import { findLiveToken } from "../storage/identity-repo.ts";
import type { ServiceContext } from "./context.ts";
import { hashToken } from "./tokens.ts";
import type { Capability, Viewer } from "./viewer.ts";

/** Resolves an `Authorization: Bearer …` header to the caller; anything else is Notion's 401. */
export async function authenticate(ctx: ServiceContext, header: string | undefined): Promise<Viewer> {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw unauthorized();
  const owner = await findLiveToken(ctx.database.db, hashToken(match[1]));
  if (!owner) throw unauthorized();
  return {
    workspaceId: owner.workspaceId,
    workspaceName: owner.workspaceName,
    userId: owner.integration ? owner.integration.botUserId : owner.userId,
    integration: owner.integration && {
      id: owner.integration.id,
      name: owner.integration.name,
      capabilities: new Set(owner.integration.capabilities as Capability[]),
    },
  };
}
