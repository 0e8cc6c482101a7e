import type { ShapedEvent } from "../../domain/webhooks.ts";
import type { Author } from "./record-event.ts";

/** One event for one subscription, as stored with its delivery (camelCase; the presenter writes the wire). */
export interface WebhookPayload extends ShapedEvent {
  id: string;
  timestamp: string;
  workspaceId: string;
  workspaceName: string;
  subscriptionId: string;
  integrationId: string;
  authors: Author[];
  /** Public integrations only: the bot users of the installations that can reach the entity. */
  accessibleBy?: Author[];
  apiVersion: string;
}

/** Turns a stored payload and its attempt number into the exact request body. */
export type RenderWebhookEvent = (payload: WebhookPayload, attemptNumber: number) => string;
