import { describe, expect, it } from "vitest";
import { ApiError } from "../errors.ts";
import { parseTemplateRequest, resolveTemplateMentions } from "./templates.ts";

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
  return "no error";
}

const ID = "5b1c7b7e-0c4f-4bb6-9a3e-0f5d3c2b1a09";

describe("parseTemplateRequest", () => {
  it("reads the three kinds, with UTC as the default time zone", () => {
    expect(parseTemplateRequest({ type: "none" }, "body.template", { allowNone: true })).toEqual({
      type: "none",
    });
    expect(parseTemplateRequest({ type: "default" }, "body.template", { allowNone: true })).toEqual({
      type: "default",
      timeZone: "UTC",
    });
    expect(
      parseTemplateRequest(
        { type: "template_id", template_id: ID.replace(/-/g, ""), timezone: "Asia/Tokyo" },
        "t",
        {
          allowNone: false,
        },
      ),
    ).toEqual({ type: "template_id", templateId: ID, timeZone: "Asia/Tokyo" });
  });

  it("refuses `none` on update, unknown types and bad ids", () => {
    expect(errorOf(() => parseTemplateRequest({ type: "none" }, "body.template", { allowNone: false }))).toBe(
      'body failed validation: body.template.type should be `"default"`, or `"template_id"`, instead was `"none"`.',
    );
    expect(
      errorOf(() =>
        parseTemplateRequest({ type: "template_id", template_id: "x" }, "body.template", { allowNone: true }),
      ),
    ).toBe('body failed validation: body.template.template_id should be a valid uuid, instead was `"x"`.');
  });
});

describe("resolveTemplateMentions", () => {
  const item = (template_mention: object) => ({
    type: "mention",
    mention: { type: "template_mention", template_mention },
    annotations: { bold: true },
    plain_text: "@Today",
    href: null,
  });
  // 2024-03-10T23:30:00Z is already 2024-03-11 in Tokyo (UTC+9).
  const context = { now: Date.UTC(2024, 2, 10, 23, 30), timeZone: "Asia/Tokyo", userId: ID };

  it("turns @today and @now into dates in the time zone, keeping annotations", () => {
    const [today, now] = resolveTemplateMentions(
      [
        item({ type: "template_mention_date", template_mention_date: "today" }),
        item({ type: "template_mention_date", template_mention_date: "now" }),
      ],
      context,
    );
    expect(today).toMatchObject({
      mention: { type: "date", date: { start: "2024-03-11", end: null, time_zone: null } },
      annotations: { bold: true },
    });
    expect(now).toMatchObject({ mention: { date: { start: "2024-03-11T08:30:00.000+09:00" } } });
  });

  it("turns @me into a mention of the user and leaves other content alone", () => {
    const input = {
      rich_text: [item({ type: "template_mention_user", template_mention_user: "me" })],
      color: "red",
    };
    expect(resolveTemplateMentions(input, context)).toMatchObject({
      rich_text: [{ mention: { type: "user", user: { object: "user", id: ID } } }],
      color: "red",
    });
    expect(input.rich_text[0]?.mention.type).toBe("template_mention");
  });
});
