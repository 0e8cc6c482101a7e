import { unauthorized } from "../../errors.ts";
import type { Store } from "../../storage/store.ts";
import { type TokenOwner, findLiveToken } from "../../storage/identity-repo.ts";
import type { ServiceContext } from "../context.ts";
import { hashToken } from "./tokens.ts";
import type { Capability, Viewer } from "../access/viewer.ts";

/**
 * Resolved tokens are remembered for a second: the lookup is a third of the cost of a page read, and
 * every request starts with it. Only tokens and capabilities are cached — sharing is checked on every
 * request — so a revoked token can be used for at most this long by processes that did not revoke it.
 */
export const TOKEN_CACHE_MS = 1000;
const MAX_CACHED_TOKENS = 10_000;

const caches = new WeakMap<Store, Map<string, { viewer: Viewer; expires: number }>>();

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
  const cache = cacheOf(ctx.store);
  const now = Date.now();
  const hit = cache.get(hash);
  if (hit && hit.expires > now) return hit.viewer;
  const owner = await findLiveToken(ctx.store.db, hash);
  if (!owner) throw unauthorized();
  const viewer = toViewer(owner);
  if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
  cache.set(hash, { viewer, expires: now + TOKEN_CACHE_MS });
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
