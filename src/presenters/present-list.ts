/** Notion's list envelope; `next_cursor: null` is what ends the SDK's pagination helpers. */
export function presentList<T>(type: string, results: T[], nextCursor: string | null) {
  return {
    object: "list",
    results,
    next_cursor: nextCursor,
    has_more: nextCursor !== null,
    type,
    [type]: {},
  };
}
