import type { CustomEmojiRecord } from "../storage/emoji-repo.ts";
import type { Page } from "../services/pagination.ts";
import { presentList } from "./present-list.ts";

/** `CustomEmojiResponse` (S5 common.d.ts): only id, name and url. */
export function presentCustomEmoji(emoji: CustomEmojiRecord) {
  return { id: emoji.id, name: emoji.name, url: emoji.url };
}

/** `ListCustomEmojisResponse`: a list whose `type` is `custom_emoji`, with no `custom_emoji` key. */
export function presentCustomEmojiList(page: Page<CustomEmojiRecord>) {
  return presentList("custom_emoji", page.results.map(presentCustomEmoji), page.nextCursor, null);
}
