import type { FastifyInstance } from "fastify";
import {
  type JsonObject,
  fail,
  isObject,
  optionalString,
  requireEnum,
  requireString,
} from "../domain/validation.ts";
import { ApiError } from "../errors.ts";
import { FAULT_ACTIONS, type FaultRule, type FaultRuleInput, type FaultStore } from "./faults.ts";

const METHODS = ["*", "GET", "POST", "PATCH", "PUT", "DELETE"] as const;

function optionalNumber(
  body: JsonObject,
  key: string,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !check(value)) fail(`body.${key}`, expected, value);
  return value;
}

/** A rule in the wire format: `{method?, path, action, retry_after?, latency_ms?, message?, times?, probability?}`. */
export function parseFaultRule(body: unknown): FaultRuleInput {
  if (!isObject(body)) fail("body", "an object", body);
  const rawMethod = typeof body["method"] === "string" ? body["method"].toUpperCase() : body["method"];
  const method = requireEnum(
    rawMethod === undefined || rawMethod === "ANY" ? "*" : rawMethod,
    "body.method",
    METHODS,
  );
  const path = requireString(body["path"], "body.path", 2000);
  if (!path.startsWith("/")) fail("body.path", "a URL path starting with `/`", path);
  const action = requireEnum(body["action"], "body.action", FAULT_ACTIONS);
  const probability =
    optionalNumber(body, "probability", (n) => n > 0 && n <= 1, "a number greater than 0 and at most 1") ?? 1;
  const times =
    body["times"] === null
      ? null
      : (optionalNumber(body, "times", (n) => Number.isInteger(n) && n > 0, "a positive integer or null") ??
        // A rule with a probability keeps applying by chance; otherwise it fires once.
        (body["probability"] === undefined ? 1 : null));
  const retryAfter = optionalNumber(
    body,
    "retry_after",
    (n) => Number.isInteger(n) && n >= 0,
    "a whole number of seconds",
  );
  const latencyMs = optionalNumber(
    body,
    "latency_ms",
    (n) => Number.isFinite(n) && n >= 0 && n <= 120_000,
    "a number of milliseconds from 0 to 120000",
  );
  if (action === "latency" && latencyMs === undefined) fail("body.latency_ms", "defined", latencyMs);
  return {
    method,
    path,
    action,
    // Notion always says when to come back from a 429 (reference/request-limits).
    retryAfterSeconds: retryAfter ?? (action === "rate_limited" ? 1 : undefined),
    latencyMs,
    message: optionalString(body["message"], "body.message", 2000),
    times,
    probability,
  };
}

export function presentFaultRule(rule: FaultRule) {
  return {
    object: "fault",
    id: rule.id,
    method: rule.method,
    path: rule.path,
    action: rule.action,
    retry_after: rule.retryAfterSeconds ?? null,
    latency_ms: rule.latencyMs ?? null,
    message: rule.message ?? null,
    times_remaining: rule.times,
    probability: rule.probability,
    hits: rule.hits,
    created_time: rule.createdTime,
  };
}

function faultNotFound(id: string): ApiError {
  return new ApiError("object_not_found", `Could not find fault with ID: ${id}.`);
}

/** `/__quire/faults`: list, add (one rule or `{rules: [...]}`), read, delete one, clear. */
export function registerFaultRoutes(harness: FastifyInstance, faults: FaultStore): void {
  harness.get("/faults", async () => ({
    object: "list",
    results: faults.list().map(presentFaultRule),
  }));
  harness.post("/faults", async (request) => {
    const body: unknown = request.body;
    if (isObject(body) && Array.isArray(body["rules"])) {
      // Parse every rule before adding any, so a bad one adds none.
      const inputs = body["rules"].map((rule) => parseFaultRule(rule));
      return { object: "list", results: inputs.map((input) => presentFaultRule(faults.add(input))) };
    }
    return presentFaultRule(faults.add(parseFaultRule(body)));
  });
  harness.get("/faults/:id", async (request) => {
    const { id } = request.params as { id: string };
    const rule = faults.get(id);
    if (!rule) throw faultNotFound(id);
    return presentFaultRule(rule);
  });
  harness.delete("/faults/:id", async (request) => {
    const { id } = request.params as { id: string };
    if (!faults.remove(id)) throw faultNotFound(id);
    return { object: "fault", id, deleted: true };
  });
  harness.delete("/faults", async () => {
    faults.clear();
    return { object: "list", results: [] };
  });
}
