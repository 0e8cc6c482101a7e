/**
 * Text folding and query words for search, shared by both engines so that an index built in SQL and a
 * query folded here agree. Folding is lower case without diacritics ("Café" → "cafe").
 */

/** Scripts written without spaces between words: a query word there matches anywhere in a title. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Latin and Greek (with their extensions) and Cyrillic: the ranges the SQL-side fold covers. */
const FOLD_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x41, 0x5a],
  [0xc0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x1e00, 0x1eff],
  [0x1f00, 0x1fff],
];

function foldChar(ch: string): string {
  return ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * Single characters and what they fold to, for PostgreSQL's `translate()`. The stored, indexed fold is
 * built from this table when the migration runs, so changing it needs a migration that rebuilds it.
 */
export function foldTable(): { from: string; to: string } {
  let from = "";
  let to = "";
  for (const [start, end] of FOLD_RANGES) {
    for (let code = start; code <= end; code++) {
      const ch = String.fromCodePoint(code);
      const folded = foldChar(ch);
      if (folded !== ch && [...folded].length === 1) {
        from += ch;
        to += folded;
      }
    }
  }
  return { from, to };
}

let table: Map<string, string> | undefined;

/** The same fold as the SQL side: lower case, then the character table. */
export function foldText(text: string): string {
  if (!table) {
    const { from, to } = foldTable();
    const targets = [...to];
    table = new Map([...from].map((ch, i) => [ch, targets[i] ?? ch]));
  }
  const map = table;
  return [...text.toLowerCase()].map((ch) => map.get(ch) ?? ch).join("");
}

export interface QueryWord {
  /** Folded text of the word. */
  text: string;
  /** Written in a script without spaces: matched as a substring rather than a word prefix. */
  unspaced: boolean;
}

/** At most this many words count; the rest of a very long query only narrows an already narrow match. */
export const MAX_QUERY_WORDS = 8;

/**
 * The words of a search query. Separators are whitespace and punctuation, as the engines' word
 * tokenizers see them; what remains is folded. An empty list means "everything".
 */
export function queryWords(query: string): QueryWord[] {
  const words = foldText(query.normalize("NFKC"))
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)]
    .slice(0, MAX_QUERY_WORDS)
    .map((text) => ({ text, unspaced: UNSPACED.test(text) }));
}

/**
 * Whether a title matches every query word as the engines match them: spaced words as a prefix of a
 * word of the title, unspaced ones anywhere in it. For re-checking a title outside SQL.
 */
export function titleMatches(title: string, words: QueryWord[]): boolean {
  const folded = foldText(title.normalize("NFKC"));
  const tokens = folded.split(/[^\p{L}\p{N}\p{M}]+/u).filter((t) => t.length > 0);
  return words.every((word) =>
    word.unspaced ? folded.includes(word.text) : tokens.some((t) => t.startsWith(word.text)),
  );
}
