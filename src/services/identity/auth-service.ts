import { unauthorized } from "../../errors.ts";
import type { Store } from "../../storage/store.ts";
import { type TokenOwner, findLiveToken } from "../../storage/identity-repo.ts";
import type { ServiceContext } from "../context.ts";
import { hashToken } from "./tokens.ts";
import type { Capability, Viewer } from "../access/viewer.ts";

/**
 * Resolved tokens are remembered only while nothing has been committed to the database since they were
 * resolved (`changeMark`): a revoked token, a removed member or changed capabilities, written by this
 * process or any other sharing the file, is seen by the very next request. Sharing is checked on every
 * request anyway. Where the engine has no cheap change mark (PostgreSQL) every request looks its token
 * up, which is what "revoking a token takes effect at once" costs with several processes.
 */
const MAX_CACHED_TOKENS = 10_000;

const caches = new WeakMap<Store, Map<string, { viewer: Viewer; mark: number }>>();

function cacheOf(store: Store) {
  let cache = caches.get(store);
  if (!cache) {
    cache = new Map();
    caches.set(store, cache);
  }
  return cache;
}

/** Drops this process's remembered tokens, so a revocation here takes effect on the next request. */
export function forgetCachedTokens(store: Store): void {
  caches.get(store)?.clear();
}

/** Resolves an `Authorization: Bearer …` header to the caller; anything else is Notion's 401. */
export async function authenticate(ctx: ServiceContext, header: string | undefined): Promise<Viewer> {
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) throw unauthorized();
  const hash = hashToken(match[1]);
  const mark = ctx.store.changeMark?.();
  const cache = mark === undefined ? undefined : cacheOf(ctx.store);
  const hit = cache?.get(hash);
  if (hit && hit.mark === mark) return hit.viewer;
  const owner = await findLiveToken(ctx.store.db, hash);
  if (!owner) throw unauthorized();
  const viewer = toViewer(owner);
  if (cache && mark !== undefined) {
    if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
    cache.set(hash, { viewer, mark });
  }
  return viewer;
}

function toViewer(owner: TokenOwner): Viewer {
  return {
    workspaceId: owner.workspaceId,
    workspaceName: owner.workspaceName,
    userId: owner.integration ? owner.integration.botUserId : owner.userId,
    integration: owner.integration && {
      id: owner.integration.id,
      name: owner.integration.name,
      capabilities: new Set(owner.integration.capabilities as Capability[]),
      kind: owner.integration.kind,
    },
  };
}

/** Forgets every resolved token, e.g. after the harness replaced the database's contents. */
export function clearTokenCache(store: Store): void {
  caches.get(store)?.clear();
}
