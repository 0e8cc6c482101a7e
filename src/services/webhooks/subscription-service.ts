import { randomBytes } from "node:crypto";
import { newId } from "../../domain/ids.ts";
import { type ApiVersion, apiVersionFor } from "../../domain/versions.ts";
import { capabilityFor, typesFor } from "../../domain/webhooks.ts";
import { ApiError, validationError } from "../../errors.ts";
import { findIntegration, findIntegrationByName } from "../../storage/identity-repo.ts";
import {
  type WebhookSubscriptionRecord,
  deleteSubscription,
  findSubscription,
  insertSubscription,
  claimVerifications,
  listSubscriptions,
  recordVerificationAnswer,
  updateSubscription,
} from "../../storage/webhook-repo.ts";
import { OutboundError, checkOutboundUrl } from "../net/outbound-fetch.ts";
import { type ServiceContext, nowIso } from "../context.ts";
import type { WebhookSettings } from "./webhook-settings.ts";

/** A subscription as the dashboard and the CLI show it; the verification token never leaves Quire this way. */
export type WebhookSubscriptionView = Omit<WebhookSubscriptionRecord, "verificationToken" | "workspaceId">;

function view(record: WebhookSubscriptionRecord): WebhookSubscriptionView {
  const { verificationToken: _token, workspaceId: _workspace, ...rest } = record;
  return rest;
}

export interface CreateSubscriptionRequest {
  /** The integration, by name or id. */
  integration: string;
  url: string;
  /** Event types; all the integration's capabilities allow when empty. */
  eventTypes?: string[] | undefined;
  apiVersion?: string | undefined;
}

function newVerificationToken(): string {
  return `secret_${randomBytes(32).toString("base64url")}`;
}

const VERSIONS: ApiVersion[] = ["2022-06-28", "2025-09-03", "2026-03-11"];

function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw validationError(`Webhook URL ${text} is not a valid URL.`);
  }
  // Notion requires public HTTPS; Quire also takes http so a receiver on the developer's machine works.
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw validationError(`Webhook URL must use http or https, instead was \`${url.protocol}\`.`);
  }
  return url.toString();
}

function checkVersion(text: string | undefined): ApiVersion {
  const version = text === undefined ? "2025-09-03" : apiVersionFor(text);
  if (!version || !VERSIONS.includes(version) || (text !== undefined && text !== version)) {
    throw validationError(`api_version should be one of ${VERSIONS.join(", ")}, instead was \`${text}\`.`);
  }
  return version;
}

function checkEventTypes(
  requested: string[] | undefined,
  version: ApiVersion,
  capabilities: string[],
): string[] {
  const allowed = typesFor(version).filter((t) => capabilities.includes(capabilityFor(t)));
  if (!requested || requested.length === 0) return allowed;
  for (const type of requested) {
    if (!typesFor(version).includes(type)) {
      throw validationError(`Event type ${type} is not delivered with API version ${version}.`);
    }
    if (!allowed.includes(type)) {
      throw validationError(`Event type ${type} needs the integration's ${capabilityFor(type)} capability.`);
    }
  }
  return [...new Set(requested)];
}

async function findOwnIntegration(ctx: ServiceContext, workspaceId: string, nameOrId: string) {
  const integration =
    (await findIntegration(ctx.store.db, workspaceId, nameOrId)) ??
    (await findIntegrationByName(ctx.store.db, workspaceId, nameOrId));
  if (!integration || integration.kind === "installation") {
    throw validationError(`No integration named ${nameOrId} in this workspace.`);
  }
  return integration;
}

async function load(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
): Promise<WebhookSubscriptionRecord> {
  const found = await findSubscription(ctx.store.db, workspaceId, id);
  if (!found) throw new ApiError("object_not_found", `Could not find webhook subscription with ID: ${id}.`);
  return found;
}

/**
 * Asks for the verification request (reference/webhooks: on creation Notion POSTs
 * `{"verification_token": …}` once; "Resend token" asks again). A running server's delivery worker
 * sends it, under that server's SSRF rule, so a subscription made with the CLI is verified the same way.
 */
async function requestVerification(ctx: ServiceContext, id: string): Promise<void> {
  await updateSubscription(ctx.store.db, id, {
    verificationRequestedTime: nowIso(ctx),
    verificationSentTime: null,
  });
  ctx.webhookWorker?.wake();
}

/** Refuses a target the server would never reach (loopback, private, link-local) unless it allows them. */
async function checkReachable(ctx: ServiceContext, url: string): Promise<void> {
  if (ctx.allowPrivateNetwork !== false) return; // The CLI doesn't know the server's rule; the server applies it.
  try {
    await checkOutboundUrl(url, { allowPrivateNetwork: false, allowHttp: true, maxBytes: 0 });
  } catch (error) {
    if (error instanceof OutboundError) {
      throw validationError(
        `Webhook URL ${url} can't be used: ${error.message} Start Quire with --allow-private-network to allow it.`,
      );
    }
    throw error;
  }
}

/** Creates a subscription (pending verification); its verification token is sent to the URL next. */
export async function createSubscription(
  ctx: ServiceContext,
  workspaceId: string,
  request: CreateSubscriptionRequest,
): Promise<WebhookSubscriptionView> {
  const integration = await findOwnIntegration(ctx, workspaceId, request.integration);
  const apiVersion = checkVersion(request.apiVersion);
  const url = checkUrl(request.url);
  await checkReachable(ctx, url);
  const now = nowIso(ctx);
  const record: WebhookSubscriptionRecord = {
    id: newId(),
    workspaceId,
    integrationId: integration.id,
    integrationName: integration.name,
    url,
    eventTypes: checkEventTypes(request.eventTypes, apiVersion, integration.capabilities),
    apiVersion,
    status: "pending_verification",
    verificationToken: newVerificationToken(),
    createdTime: now,
    verifiedTime: null,
    verificationRequestedTime: now,
    verificationSentTime: null,
    verificationStatus: null,
    verificationError: null,
  };
  const { integrationName: _name, ...row } = record;
  await insertSubscription(ctx.store.db, row);
  ctx.webhookWorker?.wake();
  return view(record);
}

/** Sends the verification token again ("Resend token"). */
export async function resendVerification(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
): Promise<void> {
  const record = await load(ctx, workspaceId, id);
  if (record.status !== "pending_verification")
    throw validationError("The subscription is already verified.");
  await requestVerification(ctx, id);
}

/** Sends the verification requests that are due (the delivery worker calls it every turn). */
export async function sendDueVerifications(ctx: ServiceContext, settings: WebhookSettings): Promise<number> {
  const due = await ctx.store.transaction((trx) =>
    claimVerifications(trx, ctx.store.dialect, nowIso(ctx), 20),
  );
  await Promise.all(
    due.map(async (s) => {
      let answer: { status: number | null; error: string | null };
      try {
        const response = await settings.fetch(s.url, {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": "Quire-Webhooks/1.0" },
          body: settings.renderVerification(s.verificationToken),
          signal: AbortSignal.timeout(settings.timeoutMs),
          redirect: "manual",
        });
        await response.body?.cancel();
        answer = { status: response.status, error: null };
      } catch (error) {
        answer = { status: null, error: error instanceof Error ? error.message : String(error) };
      }
      await recordVerificationAnswer(ctx.store.db, s.id, answer);
    }),
  );
  return due.length;
}

/** Activates a subscription once the person pastes the token it received. */
export async function verifySubscription(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
  token: string,
): Promise<WebhookSubscriptionView> {
  const record = await load(ctx, workspaceId, id);
  if (record.status !== "pending_verification") return view(record);
  if (token.trim() !== record.verificationToken) {
    throw validationError("The verification token does not match the one sent to the webhook URL.");
  }
  const verifiedTime = nowIso(ctx);
  await updateSubscription(ctx.store.db, id, { status: "active", verifiedTime });
  return view({ ...record, status: "active", verifiedTime });
}

export async function listWebhookSubscriptions(
  ctx: ServiceContext,
  workspaceId: string,
): Promise<WebhookSubscriptionView[]> {
  return (await listSubscriptions(ctx.store.db, workspaceId)).map(view);
}

export async function getWebhookSubscription(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
): Promise<WebhookSubscriptionView> {
  return view(await load(ctx, workspaceId, id));
}

/** Pauses (nothing is sent; deliveries wait) or resumes an active subscription. */
export async function setSubscriptionPaused(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
  paused: boolean,
): Promise<WebhookSubscriptionView> {
  const record = await load(ctx, workspaceId, id);
  if (record.status === "pending_verification") {
    throw validationError("Verify the subscription before pausing or resuming it.");
  }
  const status = paused ? "paused" : "active";
  await updateSubscription(ctx.store.db, id, { status });
  return view({ ...record, status });
}

/**
 * Changes the URL and the event types (reference/webhooks, "Changing your webhook URL or event
 * subscriptions"): the event types any time; the URL only before verification, and a new URL gets a
 * new verification token, sent to it, so the token pasted to verify proves Quire reaches that URL.
 * A verified subscription's URL can't change: delete it and create another, as on Notion. An empty
 * list of event types means every type the capabilities allow, as at creation.
 */
export async function editSubscription(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
  patch: { url?: string | undefined; eventTypes?: string[] | undefined },
): Promise<WebhookSubscriptionView> {
  const record = await load(ctx, workspaceId, id);
  const integration = await findOwnIntegration(ctx, workspaceId, record.integrationId);
  const url = patch.url === undefined ? record.url : checkUrl(patch.url);
  const moved = url !== record.url;
  if (moved && record.status !== "pending_verification") {
    throw validationError(
      "The URL of a verified subscription can't change; delete it and create a new subscription.",
    );
  }
  if (moved) await checkReachable(ctx, url);
  const version = checkVersion(record.apiVersion);
  const eventTypes =
    patch.eventTypes === undefined
      ? record.eventTypes
      : checkEventTypes(patch.eventTypes, version, integration.capabilities);
  if (!moved) {
    await updateSubscription(ctx.store.db, id, { eventTypes });
    return view({ ...record, eventTypes });
  }
  const now = nowIso(ctx);
  const fields = {
    url,
    eventTypes,
    verificationToken: newVerificationToken(),
    verificationRequestedTime: now,
    verificationSentTime: null,
    verificationStatus: null,
    verificationError: null,
  };
  await updateSubscription(ctx.store.db, id, fields);
  ctx.webhookWorker?.wake();
  return view({ ...record, ...fields });
}

export async function deleteWebhookSubscription(
  ctx: ServiceContext,
  workspaceId: string,
  id: string,
): Promise<void> {
  await load(ctx, workspaceId, id);
  await ctx.store.transaction((trx) => deleteSubscription(trx, id));
}
