import { describe, expect, it } from "vitest";
import { canHaveChildren, collectReferences, parseBlockChildren, referencedIds } from "./index.ts";
import { ID, ID2, para } from "./test-helpers.ts";

describe("references", () => {
  it("collects linked pages, synced originals and uploads at every depth, once each", () => {
    const blocks = parseBlockChildren(
      [
        { link_to_page: { page_id: ID } },
        { link_to_page: { database_id: ID2 } },
        { link_to_page: { comment_id: ID } },
        { synced_block: { synced_from: { block_id: ID2 } } },
        {
          toggle: {
            rich_text: [],
            children: [
              { image: { file_upload: { id: ID } } },
              { callout: { rich_text: [], icon: { file_upload: { id: ID2 } } } },
              { link_to_page: { page_id: ID } },
            ],
          },
        },
        para(),
      ],
      "body.children",
      2,
    );
    expect(collectReferences(blocks)).toEqual({
      pages: [ID, ID2],
      blocks: [ID2],
      fileUploads: [ID, ID2],
      comments: [ID],
    });
  });

  it("reads one block's content", () => {
    expect(referencedIds({ type: "page_id", page_id: ID }, "link_to_page")).toEqual({
      pages: [ID],
      blocks: [],
      fileUploads: [],
      comments: [],
    });
    expect(referencedIds({ synced_from: null }, "synced_block").blocks).toEqual([]);
    expect(
      referencedIds({ caption: [], type: "external", external: { url: "https://x" } }, "image").fileUploads,
    ).toEqual([]);
  });

  it("knows which stored blocks take children", () => {
    expect(canHaveChildren("toggle", {})).toBe(true);
    expect(canHaveChildren("code", {})).toBe(false);
    expect(canHaveChildren("synced_block", { synced_from: null })).toBe(true);
    expect(canHaveChildren("synced_block", { synced_from: { type: "block_id", block_id: ID } })).toBe(false);
    expect(canHaveChildren("child_page", {})).toBe(false);
  });
});
