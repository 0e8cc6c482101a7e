import type { Executor } from "../../storage/executor.ts";
import { type Reach, type ReachScope, reachOf } from "../../storage/reach-repo.ts";
import type { Viewer } from "./viewer.ts";

export interface Sight extends Reach {
  /** The reader may open this block. */
  visible: boolean;
}

/**
 * What one caller may see, answered in batches: the one rule every surface (REST, markdown, comments,
 * search, exports, the web UI's guest views) applies to what it shows. Owners and members see the whole
 * workspace. Integrations see what was shared with them and everything below it, in the trash or not
 * (Notion serves a trashed page it shared with `in_trash: true`). Guests see the pages shared with them
 * and what is below, outside the trash (help/sharing-and-permissions).
 *
 * A reader lives for one request: sharing can change between requests, and viewers are cached longer.
 */
export class Reader {
  readonly viewer: Viewer;
  /** Nothing in the workspace is hidden from this reader. */
  readonly complete: boolean;
  private readonly db: Executor;
  private readonly scope: ReachScope;
  private readonly known = new Map<string, Sight | null>();

  constructor(db: Executor, viewer: Viewer) {
    this.db = db;
    this.viewer = viewer;
    this.scope = viewer.integration
      ? { grantsOf: viewer.integration.id }
      : viewer.guest
        ? { guestSharesOf: viewer.userId }
        : null;
    this.complete = this.scope === null;
  }

  /** Trash and sharing of each id (absent: no block of this workspace), in one statement per batch. */
  async sights(ids: Iterable<string>): Promise<Map<string, Sight>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.known.has(id));
    if (missing.length > 0) {
      const found = await reachOf(this.db, missing, this.scope);
      for (const id of missing) {
        const reach = found.get(id);
        this.known.set(
          id,
          reach && reach.workspaceId === this.viewer.workspaceId
            ? { ...reach, visible: this.sees(reach) }
            : null,
        );
      }
    }
    const out = new Map<string, Sight>();
    for (const id of wanted) {
      const sight = this.known.get(id);
      if (sight) out.set(id, sight);
    }
    return out;
  }

  /** The ids of this workspace's blocks the reader may open. */
  async reachable(ids: Iterable<string>): Promise<Set<string>> {
    const sights = await this.sights(ids);
    return new Set([...sights].filter(([, s]) => s.visible).map(([id]) => id));
  }

  async canReach(id: string): Promise<boolean> {
    return (await this.reachable([id])).has(id);
  }

  private sees(reach: Reach): boolean {
    if (this.scope === null) return true;
    if ("grantsOf" in this.scope) return reach.shared;
    return reach.shared && !reach.inTrash && !reach.trashedAbove;
  }
}

export function readerFor(db: Executor, viewer: Viewer): Reader {
  return new Reader(db, viewer);
}
