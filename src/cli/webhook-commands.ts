import { presentWebhookSubscription } from "../presenters/present-webhook.ts";
import type { ServiceContext } from "../services/context.ts";
import { ensureDefaultWorkspace } from "../services/identity/workspace-service.ts";
import {
  createSubscription,
  deleteWebhookSubscription,
  editSubscription,
  listWebhookSubscriptions,
  setSubscriptionPaused,
  verifySubscription,
} from "../services/webhooks/subscription-service.ts";

export const WEBHOOK_USAGE = `  quire webhook create --integration NAME --url URL [--event TYPE]… [--api-version V]
  quire webhook update SUBSCRIPTION_ID [--url URL] [--event TYPE]…
  quire webhook verify SUBSCRIPTION_ID TOKEN
  quire webhook list
  quire webhook pause|resume|delete SUBSCRIPTION_ID`;

export interface WebhookFlags {
  integration?: string | undefined;
  url?: string | undefined;
  event?: string[] | undefined;
  "api-version"?: string | undefined;
}

type Bound = <T>(run: (ctx: ServiceContext) => Promise<T>) => Promise<T>;

/**
 * `quire webhook …`. Each command's last line is the subscription as JSON (a list for `list`), which
 * scripts and tests outside the repository parse.
 */
export async function runWebhookCommand(
  args: string[],
  flags: WebhookFlags,
  withCtx: Bound,
): Promise<string[]> {
  const [action, id, token] = args;
  const usage = () => new Error(`Usage:\n${WEBHOOK_USAGE}`);
  const inWorkspace = <T>(run: (ctx: ServiceContext, workspaceId: string) => Promise<T>) =>
    withCtx(async (ctx) => run(ctx, (await ensureDefaultWorkspace(ctx)).workspace.id));
  const line = (s: Parameters<typeof presentWebhookSubscription>[0]) =>
    JSON.stringify(presentWebhookSubscription(s));
  switch (action) {
    case "create": {
      const { integration, url } = flags;
      if (!integration || !url) throw usage();
      const subscription = await inWorkspace((ctx, ws) =>
        createSubscription(ctx, ws, {
          integration,
          url,
          eventTypes: flags.event,
          apiVersion: flags["api-version"],
        }),
      );
      const sent = `The running Quire server sends the verification token to ${subscription.url} now.`;
      return [sent, `Verify with: quire webhook verify ${subscription.id} TOKEN`, line(subscription)];
    }
    case "update": {
      // The URL only before verification (a new token goes to it); the event types any time.
      if (!id || (!flags.url && !flags.event)) throw usage();
      const subscription = await inWorkspace((ctx, ws) =>
        editSubscription(ctx, ws, id, { url: flags.url, eventTypes: flags.event }),
      );
      return [line(subscription)];
    }
    case "verify": {
      if (!id || !token) throw usage();
      return [line(await inWorkspace((ctx, ws) => verifySubscription(ctx, ws, id, token)))];
    }
    case "list":
      return [JSON.stringify((await inWorkspace(listWebhookSubscriptions)).map(presentWebhookSubscription))];
    case "pause":
    case "resume": {
      if (!id) throw usage();
      return [line(await inWorkspace((ctx, ws) => setSubscriptionPaused(ctx, ws, id, action === "pause")))];
    }
    case "delete": {
      if (!id) throw usage();
      await inWorkspace((ctx, ws) => deleteWebhookSubscription(ctx, ws, id));
      return [JSON.stringify({ id, deleted: true })];
    }
    default:
      throw usage();
  }
}
