/**
 * The MCP resources the tools' descriptions name (reference mcp-and-workers A2 "MCP resources"), with
 * Quire's own text: what Quire's one Markdown implementation (src/domain/markdown) reads and writes.
 */
export interface Resource {
  uri: string;
  name: string;
  description: string;
  text: string;
}

const ENHANCED_MARKDOWN = `# Notion-flavored Markdown, as Quire reads and writes it

Page content is Markdown with a few extensions. Children of a block are indented with one tab per level.

Blocks:
- Paragraph: plain text. Headings: "# ", "## ", "### ", "#### ". Toggle heading: "## Title {toggle=\\"true\\"}" with tab-indented children.
- Lists: "- item", "1. item", to-dos "- [ ] task" and "- [x] done".
- Quote: "> text". Divider: "---". Equation: "$$" on its own line, the expression, "$$".
- Code: fenced with a language, e.g. \`\`\`python. Contents are literal.
- Toggle: <details><summary>Title</summary> then tab-indented children, then </details>.
- Callout: <callout icon="💡" color="gray_bg"> then tab-indented content, then </callout>.
- Table: <table header-row="true"><tr><td>cell</td></tr></table>.
- Columns: <columns><column>…</column><column>…</column></columns>.
- Media: ![caption](url), <video src="…"/>, <audio src="…"/>, <file src="…"/>, <pdf src="…"/>.
- Child page: <page url="…">Title</page>. Child database: <database url="…">Title</database>.
  Naming an existing page's URL moves that page here; removing the tag deletes the child (only with allow_deleting_content).
- Table of contents: <table_of_contents/>. Empty line: <empty-block/>.
- Blocks without a syntax are shown as <unknown url="…" alt="…"/>; keep them as they are.
- Block color: {color="red"} at the end of the block's first line.

Inline: **bold**, *italic*, ~~strike~~, \`code\`, [link](url), $equation$, <br> for a line break,
<span underline="true">…</span>, <span color="red_bg">…</span>, mentions
<mention-user url="user://…"/>, <mention-page url="…"/>, <mention-database url="…"/>, <mention-date start="2025-01-31"/>.
Escape \\ * ~ \` $ [ ] < > { } | ^ with a backslash outside code.

Colors: gray brown orange yellow green blue purple pink red, and the same with _bg for backgrounds.
`;

export const RESOURCES: Resource[] = [
  {
    uri: "notion://docs/enhanced-markdown-spec",
    name: "Notion-flavored Markdown",
    description:
      "The Markdown dialect of page content in notion-fetch, notion-create-pages and notion-update-page.",
    text: ENHANCED_MARKDOWN,
  },
];
