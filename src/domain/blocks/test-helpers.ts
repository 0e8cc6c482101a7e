import { ApiError } from "../../errors.ts";
import type { JsonObject } from "../validation.ts";

export const ID = "2f9b0a8e-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
export const ID2 = "6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d";

export function text(content: string): JsonObject {
  return { type: "text", text: { content } };
}

export function storedText(content: string): JsonObject {
  return {
    type: "text",
    text: { content, link: null },
    annotations: {
      bold: false,
      italic: false,
      strikethrough: false,
      underline: false,
      code: false,
      color: "default",
    },
    plain_text: content,
    href: null,
  };
}

export function para(content = "hi", extra: JsonObject = {}): JsonObject {
  return { paragraph: { rich_text: [text(content)], ...extra } };
}

/** Runs `fn`, which must throw a validation_error, and returns its message. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError && error.code === "validation_error") return error.message;
    throw error;
  }
  throw new Error("expected a validation_error");
}
