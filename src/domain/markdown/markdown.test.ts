import { describe, expect, it } from "vitest";
import { applyContentUpdates, findSelection, insertAfterSelection } from "./edits.ts";
import { matchSegments } from "./diff.ts";
import { parseInlineMarkdown } from "./inline.ts";
import { parseMarkdown } from "./parse.ts";
import { renderRichText } from "./render-inline.ts";
import { renderMarkdown } from "./render.ts";
import { type ContentNode, validateNodes } from "./to-blocks.ts";
import type { RenderBlock } from "./tree.ts";

const options = {
  pageUrl: (id: string) => `https://q/${id}`,
  blockUrl: (id: string) => `https://q/p#${id}`,
  limit: 1000,
};

function asBlocks(nodes: ContentNode[], prefix = "b"): RenderBlock[] {
  return nodes.map((node, i) => ({
    id: `${prefix}${i}`,
    type: node.type,
    content: node.content,
    children: asBlocks(node.children, `${prefix}${i}-`),
  }));
}

function roundTrip(markdown: string): string {
  return renderMarkdown(asBlocks(validateNodes(parseMarkdown(markdown))), options).markdown;
}

describe("parseInlineMarkdown", () => {
  it("reads annotations, links, colors, equations and mentions", () => {
    const items = parseInlineMarkdown(
      '**b** *i* ~~s~~ `c` <span color="red_bg" underline="true">u</span> [l](https://x.io) $x^2$ <mention-user url="user://5b1c7b7e-0c4f-4bb6-9a3e-0f5d3c2b1a09"/>',
    );
    const kinds = items.map((item) => item.type);
    expect(kinds).toContain("equation");
    expect(kinds).toContain("mention");
    expect(items[0]).toMatchObject({ text: { content: "b" }, annotations: { bold: true } });
    expect(items.find((i) => JSON.stringify(i).includes('"u"'))).toMatchObject({
      annotations: { color: "red_background", underline: true },
    });
    expect(items.find((i) => JSON.stringify(i).includes('"l"'))).toMatchObject({
      text: { link: { url: "https://x.io" } },
    });
  });

  it("keeps unmatched markers and escapes as text", () => {
    expect(parseInlineMarkdown("2 * 3 costs $5 and \\*not\\*")).toEqual([
      expect.objectContaining({ text: { content: "2 * 3 costs $5 and *not*", link: null } }),
    ]);
  });

  it("splits text longer than 2,000 characters into several items", () => {
    expect(
      parseInlineMarkdown("a".repeat(4500)).map((i) => (i.text as { content: string }).content.length),
    ).toEqual([2000, 2000, 500]);
  });

  it("renders what it reads, to the same items", () => {
    const source = '**bold *both*** ~~s~~ ``co`de`` <span color="blue">x</span> [l](https://x.io)';
    const items = parseInlineMarkdown(source);
    const rendered = renderRichText(items);
    expect(rendered).toBe(
      '**bold** ***both*** ~~s~~ `` co`de `` <span color="blue">x</span> [l](https://x.io)',
    );
    expect(renderRichText(parseInlineMarkdown(rendered))).toBe(rendered);
  });
});

describe("parseMarkdown and renderMarkdown", () => {
  it("round trips every block syntax", () => {
    const markdown = [
      '# H1 {color="red"}',
      '## H2 {toggle="true"}',
      "\tchild",
      "### H3",
      "#### H4",
      "- bullet",
      "\t1. numbered child",
      "- [ ] todo",
      "- [x] done",
      "> quote<br>two",
      '<details color="gray">',
      "<summary>Toggle</summary>",
      "\tinside",
      "</details>",
      '<callout icon="🔥" color="blue_bg">',
      "\tCallout text",
      "\t- child",
      "</callout>",
      "```rust",
      'fn main() { println!("{}", 1); }',
      "```",
      "$$",
      "a^2+b^2",
      "$$",
      "---",
      '<table header-row="true" header-column="true">',
      "\t<tr>",
      "\t\t<td>a</td>",
      "\t\t<td>b</td>",
      "\t</tr>",
      "</table>",
      "<columns>",
      "\t<column>",
      "\t\tleft",
      "\t</column>",
      "\t<column>",
      "\t\tright",
      "\t</column>",
      "</columns>",
      "![cap](https://x.io/a.png)",
      '<audio src="https://x.io/a.mp3"></audio>',
      '<file src="https://x.io/f.zip">f</file>',
      '<pdf src="https://x.io/d.pdf"></pdf>',
      '<video src="https://x.io/v.mp4"></video>',
      '<embed src="https://x.io/e"></embed>',
      "<table_of_contents/>",
      "<empty-block/>",
    ].join("\n");
    expect(roundTrip(markdown)).toBe(markdown);
  });

  it("accepts common markdown variants", () => {
    expect(roundTrip("* star\n+ plus\n2) paren\n##### deep\n\n\nafter blank\n    indented child")).toBe(
      "- star\n- plus\n1. paren\n#### deep\nafter blank\n\tindented child",
    );
  });

  it("escapes text that would read as a block marker", () => {
    expect(roundTrip("\\# not heading\n1\\. not list\n\\- not bullet")).toBe(
      "\\# not heading\n1\\. not list\n\\- not bullet",
    );
  });

  it("renders unsupported blocks and blocks past the limit as unknown tags", () => {
    const blocks: RenderBlock[] = [
      { id: "a", type: "bookmark", content: { url: "https://x.io" }, children: [] },
      { id: "b", type: "paragraph", content: { rich_text: [] }, children: [] },
      { id: "c", type: "paragraph", content: { rich_text: [] }, children: [] },
    ];
    const result = renderMarkdown(blocks, { ...options, limit: 2 });
    expect(result.markdown).toBe(
      '<unknown url="https://q/p#a" alt="bookmark"/>\n<empty-block/>\n<unknown url="https://q/p#c" alt="paragraph"/>',
    );
    expect(result).toMatchObject({ truncated: true, unknownBlockIds: ["c"] });
  });

  it("reports block rule violations with the markdown line", () => {
    expect(() =>
      validateNodes(parseMarkdown("x\n<columns>\n\t<column>\n\t\ty\n\t</column>\n</columns>")),
    ).toThrow(/line 2/);
  });
});

describe("edits", () => {
  it("finds ellipsis selections", () => {
    expect(findSelection("one two three", "one...three")).toEqual({ start: 0, end: 13 });
    expect(findSelection("one two three", "two")).toEqual({ start: 4, end: 7 });
    expect(findSelection("one two", "x...two")).toBeNull();
  });

  it("inserts after the selected block and its children, at its depth", () => {
    expect(insertAfterSelection("- a\n\t- child\n- b", "- a", "- new")).toBe("- a\n\t- child\n- new\n- b");
    expect(insertAfterSelection("<details>\n<summary>T</summary>\n\tx\n</details>", "x", "y")).toBe(
      "<details>\n<summary>T</summary>\n\tx\n\ty\n</details>",
    );
  });

  it("applies search-and-replace updates in order", () => {
    expect(
      applyContentUpdates("a b a", [
        { oldStr: "a", newStr: "c", replaceAll: true },
        { oldStr: "b", newStr: "d", replaceAll: false },
      ]),
    ).toBe("c d c");
    expect(() => applyContentUpdates("a a", [{ oldStr: "a", newStr: "b", replaceAll: false }])).toThrow(
      /2 locations/,
    );
  });
});

describe("matchSegments", () => {
  it("keeps identical segments in order", () => {
    expect(matchSegments(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"])).toEqual([0, null, 2, 3, null]);
    expect(matchSegments(["a", "b"], ["b", "a"])).toEqual([1, null]);
  });
});
