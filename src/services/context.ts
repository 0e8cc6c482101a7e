import type { Database } from "../storage/database.ts";

/** What every service needs: the database, the clock (injected so tests can control time) and the public URL. */
export interface ServiceContext {
  database: Database;
  clock: () => Date;
  /** Base of the `url` fields Quire serves, e.g. `http://localhost:7878`. */
  publicUrl: string;
}

export function nowIso(ctx: ServiceContext): string {
  return ctx.clock().toISOString();
}
