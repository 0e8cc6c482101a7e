import { ApiError } from "../errors.ts";

/** A tool call the agent can fix: the message says what was wrong with the arguments. */
export class ToolInputError extends Error {}

export interface ToolFailure {
  code: string;
  message: string;
  retryAfterSeconds?: number;
}

/** What the agent should do about each Notion error, added to the message of the tool error. */
const HINTS: Partial<Record<string, string>> = {
  object_not_found:
    "Check the id or URL (notion-search finds pages by title); an integration token sees only the pages shared with it.",
  validation_error: "Fix the arguments named above and call the tool again.",
  restricted_resource:
    "This token lacks the capability for this call; use a token whose integration has it, or sign in as a person.",
  conflict_error: "Another edit happened at the same time; call the tool again.",
  rate_limited: "Wait retry_after_seconds, then call the tool again.",
};

/** Turns what a service threw into the tool error an agent reads; anything unexpected is rethrown. */
export function toolFailure(error: unknown): ToolFailure {
  if (error instanceof ToolInputError) return { code: "invalid_arguments", message: error.message };
  if (error instanceof ApiError) {
    const hint = HINTS[error.code];
    const retry = error.additionalData?.retry_after_seconds;
    return {
      code: error.code,
      message: hint ? `${error.message} ${hint}` : error.message,
      ...(typeof retry === "string" && Number.isFinite(Number(retry))
        ? { retryAfterSeconds: Number(retry) }
        : {}),
    };
  }
  throw error;
}
