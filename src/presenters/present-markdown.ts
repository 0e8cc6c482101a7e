import type { PageMarkdown } from "../services/markdown/markdown-service.ts";

export function presentPageMarkdown(view: PageMarkdown) {
  return {
    object: "page_markdown",
    id: view.id,
    markdown: view.markdown,
    truncated: view.truncated,
    unknown_block_ids: view.unknownBlockIds,
  };
}
