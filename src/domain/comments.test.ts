import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.ts";
import { parseCommentText, parseNewComment } from "./comments.ts";

const ID = "5b1c7b7e-0c4f-4bb6-9a3e-0f5d3c2b1a09";
const richText = [{ text: { content: "hi" } }];

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
  throw new Error("expected a validation error");
}

describe("parseNewComment", () => {
  it("reads page, block and discussion targets, with or without dashes", () => {
    expect(
      parseNewComment({ parent: { page_id: ID.replace(/-/g, "") }, rich_text: richText }).target,
    ).toEqual({
      kind: "page",
      id: ID,
    });
    expect(
      parseNewComment({ parent: { type: "block_id", block_id: ID }, rich_text: richText }).target,
    ).toEqual({
      kind: "block",
      id: ID,
    });
    expect(parseNewComment({ discussion_id: ID, rich_text: richText }).target).toEqual({
      kind: "discussion",
      id: ID,
    });
  });

  it("reads display names and attachments", () => {
    const parsed = parseNewComment({
      parent: { page_id: ID },
      rich_text: richText,
      display_name: { type: "custom", custom: { name: "Bot" } },
      attachments: [{ file_upload_id: ID, type: "file_upload" }],
    });
    expect(parsed.displayName).toEqual({ type: "custom", name: "Bot" });
    expect(parsed.attachments).toEqual([ID]);
    expect(parseNewComment({ parent: { page_id: ID }, rich_text: richText }).displayName).toBeUndefined();
  });

  it("names the parent fields when the parent has neither id", () => {
    expect(messageOf(() => parseNewComment({ parent: {}, rich_text: richText }))).toBe(
      "body failed validation. Fix one:\nbody.parent.page_id should be defined, instead was `undefined`.\n" +
        "body.parent.block_id should be defined, instead was `undefined`.",
    );
  });

  it("refuses an empty custom name and a custom object on other types", () => {
    expect(
      messageOf(() =>
        parseNewComment({
          parent: { page_id: ID },
          rich_text: richText,
          display_name: { type: "custom", custom: { name: "" } },
        }),
      ),
    ).toMatch(/body\.display_name\.custom\.name\.length should be ≥ `1`/);
    expect(
      messageOf(() =>
        parseNewComment({
          parent: { page_id: ID },
          rich_text: richText,
          display_name: { type: "user", custom: { name: "x" } },
        }),
      ),
    ).toMatch(/body\.display_name\.custom should be not present/);
  });
});

describe("parseCommentText", () => {
  it("serves rich text back in Notion's shape", () => {
    expect(parseCommentText({ rich_text: richText })[0]).toMatchObject({
      type: "text",
      plain_text: "hi",
      href: null,
    });
  });

  it("refuses a markdown that is not a string, and reads inline markdown into rich text", () => {
    expect(messageOf(() => parseCommentText({ markdown: 3 }))).toMatch(/body\.markdown should be a string/);
    expect(parseCommentText({ markdown: "**x**" })[0]).toMatchObject({
      plain_text: "x",
      annotations: { bold: true },
    });
  });
});
