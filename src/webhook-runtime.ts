import { presentVerificationRequest, presentWebhookEvent } from "./presenters/present-webhook.ts";
import {
  DEFAULT_RETRY_SCHEDULE_MS,
  DEFAULT_WINDOW_MS,
  type WebhookSettings,
} from "./services/webhooks/webhook-settings.ts";

/**
 * Webhook settings with the presenters that write the wire bodies. Lives at the top, beside app.ts,
 * because services may not import presenters and presenters hold no settings.
 */
export function webhookSettings(overrides: Partial<WebhookSettings> = {}): WebhookSettings {
  return {
    windowMs: DEFAULT_WINDOW_MS,
    retryScheduleMs: DEFAULT_RETRY_SCHEDULE_MS,
    timeoutMs: 10_000,
    fetch: (input, init) => fetch(input, init),
    render: presentWebhookEvent,
    renderVerification: presentVerificationRequest,
    ...overrides,
  };
}
