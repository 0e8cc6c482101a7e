import { describe, expect, it } from "vitest";
import { parseCover, parseIcon } from "./index.ts";
import { ID, errorOf } from "./test-helpers.ts";

describe("parseIcon", () => {
  it("accepts single emojis, including keycaps, flags and ZWJ sequences", () => {
    for (const emoji of ["🚀", "1️⃣", "🇫🇷", "👩‍💻", "❤️"]) {
      expect(parseIcon({ emoji }, "body.icon")).toEqual({ type: "emoji", emoji });
    }
  });

  it("rejects text and several emojis", () => {
    for (const emoji of ["a", "🚀🚀", "", ":rocket:"]) {
      expect(errorOf(() => parseIcon({ type: "emoji", emoji }, "body.icon"))).toBe(
        `body failed validation: body.icon.emoji should be a single emoji, instead was \`${JSON.stringify(emoji)}\`.`,
      );
    }
  });

  it("parses the other icon kinds", () => {
    expect(parseIcon({ external: { url: "https://x.test/i.png" } }, "body.icon")).toEqual({
      type: "external",
      external: { url: "https://x.test/i.png" },
    });
    expect(parseIcon({ type: "file_upload", file_upload: { id: ID } }, "body.icon")).toEqual({
      type: "file_upload",
      file_upload: { id: ID },
    });
    expect(parseIcon({ custom_emoji: { id: ID, name: "party" } }, "body.icon")).toEqual({
      type: "custom_emoji",
      custom_emoji: { id: ID, name: "party" },
    });
    expect(parseIcon({ icon: { name: "pizza" } }, "body.icon")).toEqual({
      type: "icon",
      icon: { name: "pizza", color: "gray" },
    });
    expect(parseIcon({ icon: { name: "pizza", color: "lightgray" } }, "body.icon")).toEqual({
      type: "icon",
      icon: { name: "pizza", color: "lightgray" },
    });
  });

  it("explains what would have matched", () => {
    expect(errorOf(() => parseIcon({}, "body.icon"))).toBe(
      "body failed validation. Fix one:\n" +
        ["file_upload", "emoji", "external", "custom_emoji", "icon"]
          .map((k) => `body.icon.${k} should be defined, instead was \`undefined\`.`)
          .join("\n"),
    );
    expect(errorOf(() => parseIcon({ icon: { name: "pizza", color: "teal" } }, "body.icon"))).toContain(
      "body.icon.icon.color should be",
    );
    expect(errorOf(() => parseIcon(null, "body.icon"))).toBe(
      "body failed validation: body.icon should be an object, instead was `null`.",
    );
  });
});

describe("parseCover", () => {
  it("takes external or file_upload only", () => {
    expect(parseCover({ external: { url: "https://x.test/c.jpg" } }, "body.cover")).toEqual({
      type: "external",
      external: { url: "https://x.test/c.jpg" },
    });
    expect(parseCover({ file_upload: { id: ID } }, "body.cover")).toEqual({
      type: "file_upload",
      file_upload: { id: ID },
    });
    expect(errorOf(() => parseCover({ emoji: "🚀" }, "body.cover"))).toBe(
      "body failed validation. Fix one:\n" +
        "body.cover.file_upload should be defined, instead was `undefined`.\n" +
        "body.cover.external should be defined, instead was `undefined`.",
    );
  });
});
