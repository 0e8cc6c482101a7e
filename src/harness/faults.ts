import { randomUUID } from "node:crypto";
import { ApiError, type ErrorCode, UNEXPECTED_ERROR_MESSAGE } from "../errors.ts";

/** Errors a rule can answer with, each with Notion's status and wording (reference/status-codes). */
export const FAULT_ERRORS = {
  rate_limited: "You have been rate limited. Please try again in a few minutes.",
  service_overload: "Notion is temporarily overloaded. Please try again later.",
  internal_server_error: UNEXPECTED_ERROR_MESSAGE,
  bad_gateway: "Bad Gateway",
  service_unavailable: "Notion is unavailable, please try again later.",
  gateway_timeout: "Gateway Timeout",
} as const satisfies Partial<Record<ErrorCode, string>>;

export type FaultError = keyof typeof FAULT_ERRORS;
export type FaultAction = FaultError | "latency" | "drop_connection";
export const FAULT_ACTIONS: readonly FaultAction[] = [
  ...(Object.keys(FAULT_ERRORS) as FaultError[]),
  "latency",
  "drop_connection",
];

export interface FaultRuleInput {
  /** An HTTP method, or `*` for any. */
  method: string;
  /** A glob over the URL path: `*` is one path segment, `**` any number. */
  path: string;
  action: FaultAction;
  /** `rate_limited` (and optionally `service_overload`): the `Retry-After` seconds. */
  retryAfterSeconds?: number | undefined;
  /** `latency`: how long to hold the request before serving it. */
  latencyMs?: number | undefined;
  /** Overrides the error message. */
  message?: string | undefined;
  /** How many matching requests the rule applies to; `null` for every one (the default with a probability). */
  times: number | null;
  /** The chance that a matching request is affected; 1 by default. */
  probability: number;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  /** Requests the rule has affected so far. */
  hits: number;
  createdTime: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}

/** `/v1/pages/*` → one segment; `/v1/**` → anything below; a trailing slash is ignored. */
export function compilePathGlob(glob: string): RegExp {
  const trimmed = glob.length > 1 ? glob.replace(/\/+$/, "") : glob;
  const source = trimmed
    .split("**")
    .map((part) => part.split("*").map(escapeRegExp).join("[^/]*"))
    .join(".*");
  return new RegExp(`^${source}/?$`);
}

interface CompiledRule {
  rule: FaultRule;
  pattern: RegExp;
}

/**
 * The active fault rules. Matching and counting happen in one synchronous step on Node's single thread,
 * so concurrent requests can never consume a rule more than `times` times.
 */
export class FaultStore {
  private rules: CompiledRule[] = [];

  constructor(
    private readonly random: () => number = Math.random,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get size(): number {
    return this.rules.length;
  }

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = {
      ...input,
      method: input.method.toUpperCase(),
      id: randomUUID(),
      hits: 0,
      createdTime: this.clock().toISOString(),
    };
    this.rules.push({ rule, pattern: compilePathGlob(rule.path) });
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => r.rule);
  }

  get(id: string): FaultRule | undefined {
    return this.rules.find((r) => r.rule.id === id)?.rule;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.rule.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule (oldest first) that takes this request, counted; a rule used up is removed. */
  take(method: string, path: string): FaultRule | undefined {
    for (const compiled of this.rules) {
      const { rule, pattern } = compiled;
      if (rule.method !== "*" && rule.method !== method) continue;
      if (!pattern.test(path)) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      rule.hits += 1;
      if (rule.times !== null) {
        rule.times -= 1;
        if (rule.times <= 0) this.rules = this.rules.filter((r) => r !== compiled);
      }
      return rule;
    }
    return undefined;
  }
}

export function isFaultError(action: FaultAction): action is FaultError {
  return action in FAULT_ERRORS;
}

/** The Notion error a rule answers with; a `Retry-After` rides in `additional_data` like a real 429. */
export function faultError(rule: FaultRule & { action: FaultError }): ApiError {
  const message = rule.message ?? FAULT_ERRORS[rule.action];
  if (rule.retryAfterSeconds === undefined) return new ApiError(rule.action, message);
  return new ApiError(rule.action, message, {
    ...(rule.action === "rate_limited" ? { rate_limit_reason: "public_api_request_rate_limit" } : {}),
    retry_after: String(rule.retryAfterSeconds),
  });
}
