import type { WebhookPayload } from "../services/webhooks/webhook-payload.ts";
import type { WebhookSubscriptionView } from "../services/webhooks/subscription-service.ts";
import type { DeliveryView } from "../services/webhooks/delivery-log.ts";

/**
 * The event body, keys in the order of Notion's examples (reference/webhooks-events-delivery). It is
 * signed as these exact bytes, so it is serialised once here and never re-encoded.
 */
export function presentWebhookEvent(payload: WebhookPayload, attemptNumber: number): string {
  const { data } = payload;
  const wireData: Record<string, unknown> = {};
  if (data.pageId) wireData.page_id = data.pageId;
  if (data.parent) {
    wireData.parent = {
      id: data.parent.id,
      type: data.parent.type,
      ...(data.parent.dataSourceId ? { data_source_id: data.parent.dataSourceId } : {}),
    };
  }
  if (data.updatedBlocks) wireData.updated_blocks = data.updatedBlocks;
  if (data.updatedProperties) wireData.updated_properties = data.updatedProperties;
  if (data.updatedSchema) wireData.updated_properties = data.updatedSchema;
  if (data.viewType) wireData.view_type = data.viewType;
  if (data.updatedFields) wireData.updated_fields = data.updatedFields;
  if (data.fileImportResult) wireData.file_import_result = data.fileImportResult;
  // The SDK's created/completed/expired upload payloads have no `data`.
  const hasData = Object.keys(wireData).length > 0 || !payload.type.startsWith("file_upload.");
  return JSON.stringify({
    id: payload.id,
    timestamp: payload.timestamp,
    workspace_id: payload.workspaceId,
    workspace_name: payload.workspaceName,
    subscription_id: payload.subscriptionId,
    integration_id: payload.integrationId,
    type: payload.type,
    authors: payload.authors,
    ...(payload.accessibleBy ? { accessible_by: payload.accessibleBy } : {}),
    attempt_number: attemptNumber,
    api_version: payload.apiVersion,
    entity: payload.entity,
    ...(hasData ? { data: wireData } : {}),
  });
}

/** The verification request Notion sends once when a subscription is created. */
export function presentVerificationRequest(token: string): string {
  return JSON.stringify({ verification_token: token });
}

/** A subscription on the wire (CLI, harness, `startQuire()`). */
export interface WebhookSubscriptionWire {
  object: "webhook_subscription";
  id: string;
  integration_id: string;
  integration_name: string;
  url: string;
  event_types: string[];
  api_version: string;
  status: "pending_verification" | "active" | "paused";
  created_time: string;
  verified_time: string | null;
}

/** One event for one subscription in the delivery log, with every attempt. */
export interface WebhookDeliveryWire {
  id: string;
  subscription_id: string;
  type: string;
  timestamp: string;
  status: "pending" | "delivering" | "delivered" | "failed";
  attempts: number;
  next_attempt_time: string | null;
  created_time: string;
  finished_time: string | null;
  /** The body as last sent (or as it will be sent), parsed. */
  payload: Record<string, unknown>;
  attempt_log: {
    attempt_number: number;
    started_time: string;
    status_code: number | null;
    latency_ms: number;
    error: string | null;
    response_excerpt: string | null;
  }[];
}

export function presentWebhookSubscription(s: WebhookSubscriptionView): WebhookSubscriptionWire {
  return {
    object: "webhook_subscription",
    id: s.id,
    integration_id: s.integrationId,
    integration_name: s.integrationName,
    url: s.url,
    event_types: s.eventTypes,
    api_version: s.apiVersion,
    status: s.status,
    created_time: s.createdTime,
    verified_time: s.verifiedTime,
  };
}

export function presentDelivery(d: DeliveryView): WebhookDeliveryWire {
  return {
    id: d.id,
    subscription_id: d.subscriptionId,
    type: d.type,
    timestamp: d.timestamp,
    status: d.status,
    attempts: d.attempts,
    next_attempt_time: d.status === "pending" ? d.nextAttemptTime : null,
    created_time: d.createdTime,
    finished_time: d.finishedTime,
    payload: JSON.parse(presentWebhookEvent(d.payload, Math.max(d.attempts, 1))) as Record<string, unknown>,
    attempt_log: d.tries.map((t) => ({
      attempt_number: t.attemptNumber,
      started_time: t.startedTime,
      status_code: t.statusCode,
      latency_ms: t.latencyMs,
      error: t.error,
      response_excerpt: t.responseExcerpt,
    })),
  };
}
