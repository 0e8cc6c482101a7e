import { validationError } from "../errors.ts";
import type { RichTextItem } from "./rich-text.ts";

/**
 * The one place comment Markdown becomes rich text (`comments.create`/`update` with `markdown`,
 * SDK ≥ 5.17). Comment Markdown is inline only: formatting, links, inline equations and mentions
 * (reference/update-a-comment). Plug the Notion-flavored Markdown parser (src/domain/markdown/) in here;
 * its output is validated again by the caller like any `rich_text`, so the usual limits hold.
 */
export function commentMarkdownToRichText(markdown: string): RichTextItem[] {
  void markdown;
  throw validationError(
    "body failed validation: body.markdown is not supported by this server yet; send the comment as body.rich_text.",
  );
}
