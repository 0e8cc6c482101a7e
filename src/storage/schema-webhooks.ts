/** Webhook subscriptions, their outbox, deliveries and attempts (migration 015). Conventions as in schema.ts. */

/** A webhook subscription (migration 015); `eventTypes` is a JSON list. */
export interface WebhookSubscriptionTable {
  id: string;
  workspaceId: string;
  integrationId: string;
  url: string;
  eventTypes: string;
  apiVersion: string;
  status: "pending_verification" | "active" | "paused";
  /** The HMAC key of every signature, so it is kept as given (it can't be hashed). */
  verificationToken: string;
  createdTime: string;
  verifiedTime: string | null;
  verificationRequestedTime: string | null;
  verificationSentTime: string | null;
  /** The receiver's answer to the verification request; null with `verificationError` when unreachable. */
  verificationStatus: number | null;
  verificationError: string | null;
}

/** An event in the outbox, waiting for its aggregation window (`dueTime`) to end. */
export interface WebhookEventTable {
  id: string;
  workspaceId: string;
  type: string;
  entityId: string;
  entityType: string;
  /** The block whose reach decides who may receive it (the page a comment is on, …). */
  reachId: string;
  authors: string;
  data: string;
  timestamp: string;
  dueTime: string;
  /** Orders events recorded in one millisecond (see services/webhooks/record-event.ts). */
  sortKey: string;
}

export interface WebhookDeliveryTable {
  id: string;
  subscriptionId: string;
  workspaceId: string;
  type: string;
  timestamp: string;
  /** The event's `sortKey`: deliveries of one subscription go out in this order. */
  sortKey: string;
  /** The envelope without `attempt_number`, which each try sets. */
  payload: string;
  status: "pending" | "delivering" | "delivered" | "failed";
  attempts: number;
  nextAttemptTime: string;
  leaseUntil: string | null;
  createdTime: string;
  finishedTime: string | null;
}

export interface WebhookAttemptTable {
  deliveryId: string;
  attemptNumber: number;
  startedTime: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
}
