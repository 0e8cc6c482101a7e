import type { CustomEmojiRecord } from "../storage/emoji-repo.ts";
import type { Page } from "../services/pagination.ts";

/** `CustomEmojiResponse` (S5 common.d.ts): only id, name and url. */
export function presentCustomEmoji(emoji: CustomEmojiRecord) {
  return { id: emoji.id, name: emoji.name, url: emoji.url };
}

/** `ListCustomEmojisResponse`: a list whose `type` is `custom_emoji`, with no `custom_emoji` key. */
export function presentCustomEmojiList(page: Page<CustomEmojiRecord>) {
  return {
    object: "list",
    type: "custom_emoji",
    results: page.results.map(presentCustomEmoji),
    has_more: page.nextCursor !== null,
    next_cursor: page.nextCursor,
  };
}
