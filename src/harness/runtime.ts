import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { errorBody } from "../http/errors.ts";
import { setApiRuntime } from "../http/api-runtime.ts";
import type { Viewer } from "../services/access/viewer.ts";
import { type FaultRule, FaultStore, faultError, isFaultError } from "./faults.ts";
import type { HarnessOptions } from "./guard.ts";
import { redactHeaders } from "./redact.ts";
import { CapturedBody, NO_BODY, RequestLog } from "./request-log.ts";

/** The live state behind the runtime half of the harness: fault rules and the request log. */
export interface HarnessRuntime {
  faults: FaultStore;
  requestLog: RequestLog;
}

interface Capture {
  startedAt: number;
  viewer: Viewer | null;
  responseBody: CapturedBody;
  fault: string | null;
}

function sizeOf(payload: unknown): number {
  if (typeof payload === "string" || Buffer.isBuffer(payload)) return payload.length;
  // A stream or anything unexpected: resolve it at once rather than hold on to it.
  return Number.POSITIVE_INFINITY;
}

function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}

/** Requests the harness acts on: the API, never the harness itself. */
function isApiPath(path: string): boolean {
  return path === "/v1" || path.startsWith("/v1/");
}

/**
 * Installs fault injection and request logging on every `/v1` request. Called only when the harness is
 * on, and before the routes are registered, so a server without the harness carries none of this.
 */
export function installHarnessRuntime(app: FastifyInstance, options: HarnessOptions): HarnessRuntime {
  const runtime: HarnessRuntime = {
    faults: options.faults ?? new FaultStore(),
    requestLog: options.requestLog ?? new RequestLog(),
  };
  const { faults, requestLog } = runtime;
  const captures = new WeakMap<FastifyRequest, Capture>();

  function record(request: FastifyRequest, status: number | null, durationMs: number): void {
    const capture = captures.get(request);
    if (!capture) return;
    captures.delete(request);
    const url = request.url;
    const q = url.indexOf("?");
    const version = request.headers["notion-version"];
    const integration = capture.viewer?.integration;
    requestLog.add({
      requestId: request.id,
      time: new Date(Date.now() - durationMs).toISOString(),
      method: request.method,
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? "" : url.slice(q + 1),
      notionVersion: typeof version === "string" ? version : null,
      integration: integration ? { id: integration.id, name: integration.name } : null,
      userId: capture.viewer?.userId ?? null,
      status,
      durationMs: Math.round(durationMs * 100) / 100,
      requestHeaders: redactHeaders(request.headers),
      requestBody:
        request.body === undefined
          ? NO_BODY
          : new CapturedBody(request.body, Number(request.headers["content-length"] ?? 0)),
      responseBody: capture.responseBody,
      fault: capture.fault,
    });
  }

  app.addHook("onRequest", (request, reply, done) => {
    const path = pathOf(request.url);
    if (!isApiPath(path)) return done();
    const capture: Capture = {
      startedAt: performance.now(),
      viewer: null,
      responseBody: NO_BODY,
      fault: null,
    };
    captures.set(request, capture);
    if (faults.size === 0) return done();
    const rule = faults.take(request.method, path);
    if (!rule) return done();
    capture.fault = rule.action;
    applyFault(rule, request, reply, done, () => record(request, null, reply.elapsedTime));
  });
  app.addHook("onSend", (request, _reply, payload, done) => {
    const capture = captures.get(request);
    if (capture) capture.responseBody = new CapturedBody(payload, sizeOf(payload));
    done(null, payload);
  });
  app.addHook("onResponse", (request, reply, done) => {
    record(request, reply.statusCode, reply.elapsedTime);
    done();
  });
  // The client gave up before the answer: logged without a status, like a dropped connection.
  app.addHook("onRequestAbort", (request, done) => {
    const capture = captures.get(request);
    if (capture) record(request, null, performance.now() - capture.startedAt);
    done();
  });
  setApiRuntime(app, {
    onAuthenticated: (request, viewer) => {
      const capture = captures.get(request);
      if (capture) capture.viewer = viewer;
    },
  });
  return runtime;
}

function applyFault(
  rule: FaultRule,
  request: FastifyRequest,
  reply: FastifyReply,
  done: () => void,
  dropped: () => void,
): void {
  const { action } = rule;
  if (action === "latency") {
    setTimeout(done, rule.latencyMs ?? 0);
  } else if (action === "drop_connection") {
    // No response at all: the client sees its socket closed, like a proxy or load balancer dying.
    reply.hijack();
    request.raw.socket.destroy();
    dropped();
  } else if (isFaultError(action)) {
    const error = faultError({ ...rule, action });
    if (rule.retryAfterSeconds !== undefined)
      void reply.header("retry-after", String(rule.retryAfterSeconds));
    void reply.code(error.status).send(errorBody(error, request.id));
  }
}
