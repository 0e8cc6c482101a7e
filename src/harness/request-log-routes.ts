import type { FastifyInstance } from "fastify";
import { fail } from "../domain/validation.ts";
import type { Query } from "../http/params.ts";
import { compilePathGlob } from "./faults.ts";
import { renderRequestLogPage } from "./request-log-page.ts";
import type { LoggedBody, RequestLog, RequestLogEntry, RequestLogFilter } from "./request-log.ts";

const DEFAULT_LIMIT = 100;

function bodyValue(body: LoggedBody): unknown {
  if (body === null) return null;
  return "json" in body ? body.json : body.text;
}

function isTruncated(body: LoggedBody): boolean {
  return body !== null && "truncated" in body && body.truncated;
}

export function presentRequestLogEntry(entry: RequestLogEntry) {
  const requestBody = entry.requestBody.logged;
  const responseBody = entry.responseBody.logged;
  return {
    object: "request",
    seq: entry.seq,
    request_id: entry.requestId,
    time: entry.time,
    method: entry.method,
    path: entry.path,
    query: entry.query,
    notion_version: entry.notionVersion,
    integration: entry.integration,
    user_id: entry.userId,
    status: entry.status,
    duration_ms: entry.durationMs,
    fault: entry.fault,
    request_headers: entry.requestHeaders,
    request_body: bodyValue(requestBody),
    request_body_truncated: isTruncated(requestBody),
    response_body: bodyValue(responseBody),
    response_body_truncated: isTruncated(responseBody),
  };
}

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === "" ? undefined : text;
}

function integerParam(query: Query, name: string, min: number, max: number): number | undefined {
  const text = single(query, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    fail(`query.${name}`, `an integer from ${min} to ${max}`, text);
  return n;
}

/** `?method=&path=&status=&integration=&after=&since=&limit=`; `status` is `429` or a class such as `5xx`. */
export function parseRequestLogFilter(query: Query, capacity: number): RequestLogFilter {
  const status = single(query, "status");
  let statusFilter: RequestLogFilter["status"];
  if (status !== undefined) {
    const classMatch = /^([1-5])xx$/i.exec(status);
    if (classMatch) statusFilter = { class: Number(classMatch[1]) };
    else if (/^\d{3}$/.test(status)) statusFilter = { exact: Number(status) };
    else fail("query.status", "a status such as `429` or a class such as `5xx`", status);
  }
  const path = single(query, "path");
  const since = single(query, "since");
  if (since !== undefined && Number.isNaN(Date.parse(since)))
    fail("query.since", "an ISO 8601 date-time", since);
  return {
    method: single(query, "method")?.toUpperCase(),
    path: path?.includes("*") ? compilePathGlob(path) : path,
    status: statusFilter,
    integration: single(query, "integration"),
    afterSeq: integerParam(query, "after", 0, Number.MAX_SAFE_INTEGER),
    since: since === undefined ? undefined : new Date(since),
    limit: integerParam(query, "limit", 1, capacity) ?? Math.min(DEFAULT_LIMIT, capacity),
  };
}

/** `GET /__quire/requests` (filtered, for assertions), `DELETE` to clear, and a live page at `/requests/ui`. */
export function registerRequestLogRoutes(harness: FastifyInstance, requestLog: RequestLog): void {
  harness.get("/requests", async (request) => {
    const filter = parseRequestLogFilter(request.query as Query, requestLog.capacity);
    return {
      object: "list",
      results: requestLog.find(filter).map(presentRequestLogEntry),
      latest_seq: requestLog.latestSeq,
      capacity: requestLog.capacity,
    };
  });
  harness.delete("/requests", async () => {
    requestLog.clear();
    return { object: "list", results: [], latest_seq: requestLog.latestSeq, capacity: requestLog.capacity };
  });
  harness.get("/requests/ui", async (request, reply) => {
    const { html, nonce } = renderRequestLogPage(request.query as Query);
    return reply
      .header("content-type", "text/html; charset=utf-8")
      .header(
        "content-security-policy",
        `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'`,
      )
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer")
      .send(html);
  });
}
