import type { Store } from "../storage/store.ts";
import type { WebhookSettings } from "./webhooks/webhook-settings.ts";

/** What every service needs: the database, the clock (injected so tests can control time) and the public URL. */
export interface ServiceContext {
  store: Store;
  clock: () => Date;
  /** Base of the `url` fields Quire serves, e.g. `http://localhost:7878`. */
  publicUrl: string;
  /** Blocks a markdown export renders before the rest become `<unknown>` tags (default 20,000). */
  markdownRecordLimit?: number;
  /** Webhook window, retries and outbound fetch; defaults when absent (one-shot CLI commands). */
  webhooks?: WebhookSettings;
  /** This process's delivery loop, when it runs one (serve, startQuire): woken after a redelivery. */
  webhookWorker?: { wake(): void };
  /**
   * Lets outbound fetches (external_url imports) reach loopback and private addresses
   * (`quire serve --allow-private-network`, `QUIRE_ALLOW_PRIVATE_NETWORK=1`, the harness, startQuire()).
   */
  allowPrivateNetwork?: boolean;
  /** Private ranges outbound fetches may reach while the rest stays refused (`--allow-network`). */
  allowedNetworks?: readonly string[];
}

export function nowIso(ctx: ServiceContext): string {
  return ctx.clock().toISOString();
}
