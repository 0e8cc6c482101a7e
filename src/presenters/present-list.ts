/**
 * Notion's list envelope; `next_cursor: null` is what ends the SDK's pagination helpers. The object
 * named by `type` is `{}` for most lists, carries a summary for property items, and is absent where
 * the SDK's type has none (custom emojis).
 */
export function presentList<T>(
  type: string,
  results: T[],
  nextCursor: string | null,
  detail: object | null = {},
) {
  return {
    object: "list",
    results,
    next_cursor: nextCursor,
    has_more: nextCursor !== null,
    type,
    ...(detail === null ? {} : { [type]: detail }),
  };
}
