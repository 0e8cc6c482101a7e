import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseId } from "../domain/ids.ts";
import { WEBHOOK_EVENT_TYPES } from "../domain/webhooks.ts";
import { ApiError } from "../errors.ts";
import type { ServiceContext } from "../services/context.ts";
import { getIntegration } from "../services/identity/integration-service.ts";
import { AccountError } from "../services/identity/account-service.ts";
import { type DeliveryView, redeliver, webhookDeliveryLog } from "../services/webhooks/delivery-log.ts";
import {
  type WebhookSubscriptionView,
  createSubscription,
  deleteWebhookSubscription,
  editSubscription,
  getWebhookSubscription,
  listWebhookSubscriptions,
  resendVerification,
  setSubscriptionPaused,
  verifySubscription,
} from "../services/webhooks/subscription-service.ts";
import { field, fields } from "./forms.ts";
import { member, messagePage } from "./guard.ts";
import { type Html, html } from "./html.ts";
import { csrfField, errorBox, noticeBox, page, send } from "./layout.ts";
import type { WebSession } from "./session.ts";

const VERSIONS = ["2025-09-03", "2026-03-11", "2022-06-28"];

function attemptsCell(d: DeliveryView): Html {
  return html`${d.tries.map(
    (t) =>
      html`<div>
        #${String(t.attemptNumber)} ${t.statusCode === null ? (t.error ?? "no answer") : String(t.statusCode)}
        · ${String(t.latencyMs)}
        ms${t.responseExcerpt ? html` · <code>${t.responseExcerpt.slice(0, 120)}</code>` : ""}
      </div>`,
  )}`;
}

function deliveryLog(session: WebSession, subscription: WebhookSubscriptionView, log: DeliveryView[]): Html {
  if (log.length === 0) return html`<p class="muted">No deliveries yet.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>Event</th>
        <th>Time</th>
        <th>Status</th>
        <th>Attempts</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${log.map(
        (d) =>
          html`<tr data-delivery="${d.id}">
            <td>${d.type}<br /><code class="muted">${d.id}</code></td>
            <td>${d.timestamp}</td>
            <td>${d.status}</td>
            <td>${attemptsCell(d)}</td>
            <td>
              <form method="post" action="/webhooks/${subscription.id}/deliveries/${d.id}/redeliver">
                ${csrfField(session)}<button type="submit">Redeliver</button>
              </form>
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function verificationNote(s: WebhookSubscriptionView): string {
  if (!s.verificationSentTime) return "The verification token is about to be sent.";
  if (s.verificationStatus !== null)
    return `Token sent ${s.verificationSentTime}; the endpoint answered ${s.verificationStatus}.`;
  if (s.verificationError)
    return `Token sent ${s.verificationSentTime}; the endpoint could not be reached (${s.verificationError}).`;
  return `Token sent ${s.verificationSentTime}.`;
}

/** The URL only while pending (Notion: "You can only change the webhook URL before verification"); events any time. */
function editForm(session: WebSession, s: WebhookSubscriptionView): Html {
  const pending = s.status === "pending_verification";
  return html`<details>
    <summary>Edit</summary>
    <form method="post" action="/webhooks/${s.id}/edit">
      ${csrfField(session)}
      ${
        pending
          ? html`<label for="url-${s.id}">Webhook URL (a new one gets a new verification token)</label
              ><input id="url-${s.id}" name="url" type="url" value="${s.url}" required />`
          : html`<p class="muted">The URL of a verified subscription can't change.</p>`
      }
      <fieldset class="card">
        <legend>Events (none ticked: every one the capabilities allow)</legend>
        ${WEBHOOK_EVENT_TYPES.map(
          (t) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name="event"
                value="${t}"
                ${s.eventTypes.includes(t) ? html`checked` : ""}
              />
              ${t}</label
            >`,
        )}
      </fieldset>
      <div class="actions"><button type="submit">Save</button></div>
    </form>
  </details>`;
}

function subscriptionCard(session: WebSession, s: WebhookSubscriptionView, log: DeliveryView[]): Html {
  const post = (action: string, label: string, extra: Html | string = "", cls = "") =>
    html`<form method="post" action="/webhooks/${s.id}/${action}">
      ${csrfField(session)}${extra}<button class="${cls}" type="submit">${label}</button>
    </form>`;
  const pending = s.status === "pending_verification";
  return html`<div class="card" data-subscription="${s.id}">
    <h3><code>${s.url}</code></h3>
    <p>
      Status: <strong data-testid="status">${s.status}</strong> · API version ${s.apiVersion} · id
      <code>${s.id}</code>
    </p>
    <p class="muted">Events: ${s.eventTypes.join(", ")}</p>
    ${editForm(session, s)}
    ${pending ? html`<p class="muted" data-testid="verification">${verificationNote(s)}</p>` : ""}
    <div class="actions">
      ${
        pending
          ? html`${post(
              "verify",
              "Verify",
              html`<label for="token-${s.id}">Verification token</label
                ><input id="token-${s.id}" name="token" type="text" required />`,
              "primary",
            )}${post("resend", "Resend token")}`
          : s.status === "active"
            ? post("pause", "Pause")
            : post("resume", "Resume")
      }
      ${post("delete", "Delete", "", "danger")}
    </div>
    <h4>Delivery log</h4>
    ${deliveryLog(session, s, log)}
  </div>`;
}

async function webhooksPage(
  ctx: ServiceContext,
  session: WebSession,
  integrationId: string,
  notes: { error?: string; notice?: string } = {},
): Promise<Html> {
  const { integration } = await getIntegration(ctx, session.workspace.id, integrationId);
  const subscriptions = (await listWebhookSubscriptions(ctx, session.workspace.id)).filter(
    (s) => s.integrationId === integration.id,
  );
  const cards: Html[] = [];
  for (const s of subscriptions) {
    const log = await webhookDeliveryLog(ctx, session.workspace.id, { subscriptionId: s.id, limit: 50 });
    cards.push(subscriptionCard(session, s, log));
  }
  return page(
    { title: `${integration.name} webhooks`, session, section: "integrations" },
    html`<p><a href="/integrations/${integration.id}">← ${integration.name}</a></p>
      <h1>Webhooks</h1>
      ${errorBox(notes.error)} ${noticeBox(notes.notice)}
      ${cards.length === 0 ? html`<p class="muted">No subscriptions yet.</p>` : cards}
      <h2>New subscription</h2>
      <form method="post" action="/integrations/${integration.id}/webhooks">
        ${csrfField(session)}
        <label for="url">Webhook URL</label><input id="url" name="url" type="url" required />
        <label for="api_version">API version</label>
        <select id="api_version" name="api_version">
          ${VERSIONS.map((v) => html`<option value="${v}">${v}</option>`)}
        </select>
        <fieldset class="card">
          <legend>Events (none ticked: every one the capabilities allow)</legend>
          ${WEBHOOK_EVENT_TYPES.map(
            (t) =>
              html`<label class="check"><input type="checkbox" name="event" value="${t}" /> ${t}</label>`,
          )}
        </fieldset>
        <div class="actions"><button class="primary" type="submit">Create subscription</button></div>
      </form>`,
  );
}

/** Service errors a person can fix (a bad URL, a wrong token) are shown on the page; others propagate. */
function message(error: unknown): string | undefined {
  if (error instanceof ApiError && error.status < 500) return error.message;
  if (error instanceof AccountError) return error.message;
  return undefined;
}

/** The webhooks section of the integrations dashboard (reference/webhooks: "Creating a subscription"). */
export function registerWebhookRoutes(scope: FastifyInstance, ctx: ServiceContext): void {
  const integrationId = (request: FastifyRequest) => parseId((request.params as { id: string }).id) ?? "";

  const render = async (
    reply: FastifyReply,
    session: WebSession,
    id: string,
    notes: { error?: string; notice?: string } = {},
    status = 200,
  ) => {
    try {
      return send(reply, await webhooksPage(ctx, session, id, notes), status);
    } catch (error) {
      const text = message(error);
      if (text === undefined) throw error;
      return messagePage(reply, session, 404, "Not found", text);
    }
  };

  scope.get("/integrations/:id/webhooks", async (request, reply) => {
    const session = await member(ctx, request, reply, false);
    return session && render(reply, session, integrationId(request));
  });

  scope.post("/integrations/:id/webhooks", async (request, reply) => {
    const session = await member(ctx, request, reply, true);
    if (!session) return reply;
    const id = integrationId(request);
    try {
      const subscription = await createSubscription(ctx, session.workspace.id, {
        integration: id,
        url: field(request.body, "url") ?? "",
        eventTypes: fields(request.body, "event"),
        apiVersion: field(request.body, "api_version"),
      });
      const sent = `Quire is sending a verification token to ${subscription.url}; paste it here to verify.`;
      return render(reply, session, id, { notice: sent }, 201);
    } catch (error) {
      const text = message(error);
      if (text === undefined) throw error;
      return render(reply, session, id, { error: text }, 400);
    }
  });

  const action = (name: string, run: (session: WebSession, id: string, body: unknown) => Promise<string>) =>
    scope.post(`/webhooks/:sid/${name}`, async (request, reply) => {
      const session = await member(ctx, request, reply, true);
      if (!session) return reply;
      const params = request.params as { sid: string; did?: string };
      const sid = parseId(params.sid) ?? "";
      let owner: string;
      try {
        owner = (await getWebhookSubscription(ctx, session.workspace.id, sid)).integrationId;
      } catch (error) {
        const text = message(error);
        if (text === undefined) throw error;
        return messagePage(reply, session, 404, "Not found", text);
      }
      try {
        const notice = await run(session, sid, request.body);
        ctx.webhookWorker?.wake();
        return render(reply, session, owner, { notice });
      } catch (error) {
        const text = message(error);
        if (text === undefined) throw error;
        return render(reply, session, owner, { error: text }, 400);
      }
    });

  action("verify", async (session, id, body) => {
    await verifySubscription(ctx, session.workspace.id, id, field(body, "token") ?? "");
    return "Verified: events are delivered from now on.";
  });
  action("edit", async (session, id, body) => {
    const url = field(body, "url");
    const before = await getWebhookSubscription(ctx, session.workspace.id, id);
    const after = await editSubscription(ctx, session.workspace.id, id, {
      url: url === undefined || url === "" ? undefined : url,
      eventTypes: fields(body, "event"),
    });
    return after.url === before.url
      ? "Saved."
      : `Saved. Quire is sending a new verification token to ${after.url}; paste it here to verify.`;
  });
  action("resend", async (session, id) => {
    await resendVerification(ctx, session.workspace.id, id);
    return "Sending the token again.";
  });
  action("pause", async (session, id) => {
    await setSubscriptionPaused(ctx, session.workspace.id, id, true);
    return "Paused: nothing is sent until you resume.";
  });
  action("resume", async (session, id) => {
    await setSubscriptionPaused(ctx, session.workspace.id, id, false);
    return "Resumed.";
  });
  action("delete", async (session, id) => {
    await deleteWebhookSubscription(ctx, session.workspace.id, id);
    return "Subscription deleted.";
  });
  scope.post("/webhooks/:sid/deliveries/:did/redeliver", async (request, reply) => {
    const session = await member(ctx, request, reply, true);
    if (!session) return reply;
    const { sid, did } = request.params as { sid: string; did: string };
    const subscription = await getWebhookSubscription(ctx, session.workspace.id, parseId(sid) ?? "").catch(
      () => undefined,
    );
    if (!subscription) return messagePage(reply, session, 404, "Not found", "No such subscription.");
    try {
      await redeliver(ctx, session.workspace.id, did);
      ctx.webhookWorker?.wake();
      return render(reply, session, subscription.integrationId, { notice: "Queued for redelivery." });
    } catch (error) {
      const text = message(error);
      if (text === undefined) throw error;
      return render(reply, session, subscription.integrationId, { error: text }, 400);
    }
  });
}
