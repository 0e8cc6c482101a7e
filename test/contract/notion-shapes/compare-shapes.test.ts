import { describe, expect, it } from "vitest";
import { compareShapes, learnIds, replaceIds } from "./compare-shapes.ts";

describe("compareShapes", () => {
  it("reports missing keys, extra keys and JSON types, and nothing for different values", () => {
    const notion = { object: "page", id: "a", in_trash: false, icon: null, properties: { n: { number: 3 } } };
    expect(compareShapes(notion, { ...notion, id: "b", icon: { emoji: "x" } })).toEqual([]);
    const { in_trash: _removed, ...withoutTrash } = notion;
    expect(compareShapes(notion, { ...withoutTrash, extra: 1, properties: { n: { number: "3" } } })).toEqual([
      { path: "/in_trash", kind: "missing in Quire" },
      { path: "/properties/n/number", kind: "number in Notion, string in Quire" },
      { path: "/extra", kind: "not sent by Notion" },
    ]);
  });

  it("compares list elements by the ids learnt for them, and skips different kinds of block", () => {
    const ids = new Map<string, string>();
    const notion = {
      results: [{ id: "11111111-1111-1111-1111-111111111111", type: "paragraph", paragraph: {} }],
    };
    const quire = { results: [{ id: "22222222-2222-2222-2222-222222222222", type: "paragraph", x: 1 }] };
    learnIds(notion, quire, ids);
    expect(replaceIds("/v1/blocks/11111111111111111111111111111111", ids, "root")).toBe(
      "/v1/blocks/22222222-2222-2222-2222-222222222222",
    );
    expect(compareShapes(notion, quire, ids).map((d) => d.path)).toEqual([
      "/results[]/paragraph",
      "/results[]/x",
    ]);
    const heading = { results: [{ ...quire.results[0], type: "heading_1" }] };
    expect(compareShapes(notion, heading, ids)).toEqual([]);
  });
});
