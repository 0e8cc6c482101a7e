/**
 * Escaping and attribute helpers shared by the renderer and the parser. The enhanced-markdown spec
 * escapes `\ * ~ ` $ [ ] < > { } | ^` outside code (guides/data-apis/enhanced-markdown, "General rules").
 */
const SPECIAL = /[\\*~`$[\]<>{}|^]/g;

export function escapeText(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}

/** Text that would read as a block marker at the start of a line (`# `, `- `, `1. `, `> `, `---`). */
export function escapeLineStart(line: string): string {
  const numbered = /^(\d+)([.)])(\s|$)/.exec(line);
  if (numbered) return `${numbered[1] ?? ""}\\${line.slice((numbered[1] ?? "").length)}`;
  if (/^(#{1,6}(\s|$)|[-+](\s|$)|---|___|:::)/.test(line)) return `\\${line}`;
  return line;
}

/** Removes backslash escapes of ASCII punctuation (CommonMark's rule, which covers the list above). */
export function unescapeText(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, "$1");
}

export function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** `name="value"` pairs, in order, skipping undefined values. */
export function formatAttributes(attributes: Record<string, string | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join("");
}

/** Reads `name="value"` (or `name='value'`, or a bare `name`) pairs from the inside of a tag. */
export function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+)))?/g;
  for (const match of text.matchAll(pattern)) {
    const [, name, double, single, bare] = match;
    if (name === undefined) continue;
    attributes[name.toLowerCase()] = unescapeAttribute(double ?? single ?? bare ?? "true");
  }
  return attributes;
}

/** A trailing `{color="red" toggle="true"}` attribute list on a block's first line, split off. */
export function splitTrailingAttributes(line: string): { text: string; attributes: Record<string, string> } {
  const match = /(^|[^\\])\{((?:\s*[\w-]+\s*=\s*"[^"]*")+)\s*\}\s*$/.exec(line);
  if (!match) return { text: line, attributes: {} };
  const cut = match.index + (match[1]?.length ?? 0);
  return { text: line.slice(0, cut).trimEnd(), attributes: parseAttributes(match[2] ?? "") };
}

const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi;

/** The last id in a Notion-style URL (`…/Title-<id>`, `user://<id>`, or a bare id); the fragment wins. */
export function idFromUrl(url: string): string | undefined {
  const ids = [...url.matchAll(UUID)].map((m) => m[0].replace(/-/g, "").toLowerCase());
  const last = ids.at(-1);
  if (last === undefined) return undefined;
  return `${last.slice(0, 8)}-${last.slice(8, 12)}-${last.slice(12, 16)}-${last.slice(16, 20)}-${last.slice(20)}`;
}
