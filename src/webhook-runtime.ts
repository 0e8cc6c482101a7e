import { presentVerificationRequest, presentWebhookEvent } from "./presenters/present-webhook.ts";
import { guardedPost, webhookPost } from "./services/webhooks/webhook-post.ts";
import {
  DEFAULT_RETRY_SCHEDULE_MS,
  DEFAULT_WINDOW_MS,
  type WebhookSettings,
} from "./services/webhooks/webhook-settings.ts";

/**
 * Webhook settings with the presenters that write the wire bodies. Lives at the top, beside app.ts,
 * because services may not import presenters and presenters hold no settings.
 */
export function webhookSettings(
  overrides: Partial<WebhookSettings> = {},
  options: { allowPrivateNetwork?: boolean } = {},
): WebhookSettings {
  return {
    windowMs: DEFAULT_WINDOW_MS,
    retryScheduleMs: DEFAULT_RETRY_SCHEDULE_MS,
    timeoutMs: 10_000,
    // Deliveries go where a subscription points: under the SSRF rule unless private networks are allowed
    // (`--allow-private-network`, `serve --harness`, startQuire()).
    fetch: options.allowPrivateNetwork === false ? guardedPost : webhookPost(false),
    render: presentWebhookEvent,
    renderVerification: presentVerificationRequest,
    ...overrides,
  };
}
