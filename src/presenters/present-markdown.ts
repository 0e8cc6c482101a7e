/** A page's content as markdown (reference/retrieve-page-markdown; S5 `PageMarkdownResponse`). */
export interface PageMarkdown {
  id: string;
  markdown: string;
  truncated: boolean;
  unknownBlockIds: string[];
}

export function presentPageMarkdown(view: PageMarkdown) {
  return {
    object: "page_markdown",
    id: view.id,
    markdown: view.markdown,
    truncated: view.truncated,
    unknown_block_ids: view.unknownBlockIds,
  };
}
