/** What the write benches send: a database of eight property types and a row that sets each of them. */
export const PROPERTIES = {
  Name: { title: {} },
  Status: { select: { options: [{ name: "Todo" }, { name: "Doing" }, { name: "Done" }] } },
  Priority: { number: {} },
  Due: { date: {} },
  Done: { checkbox: {} },
  Notes: { rich_text: {} },
  Link: { url: {} },
  Tags: { multi_select: { options: [{ name: "red" }, { name: "blue" }] } },
};

export const ROW = {
  Name: { title: [{ text: { content: "A row" } }] },
  Status: { select: { name: "Doing" } },
  Priority: { number: 3 },
  Due: { date: { start: "2026-12-07" } },
  Done: { checkbox: false },
  Notes: { rich_text: [{ text: { content: "Some notes" } }] },
  Link: { url: "https://example.com" },
  Tags: { multi_select: [{ name: "red" }] },
};

export function paragraph(i: number) {
  return { paragraph: { rich_text: [{ text: { content: `Paragraph ${i} with a little text in it.` } }] } };
}

export const HUNDRED_PARAGRAPHS = Array.from({ length: 100 }, (_, i) => paragraph(i));

export function apiHeaders(token: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    "notion-version": "2025-09-03",
    "content-type": "application/json",
  };
}

/** One API call that must succeed; the benches set up their workspaces with it. */
export async function call<T = { id: string } & Record<string, unknown>>(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: apiHeaders(token),
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The token a new workspace's `quire serve` prints once. */
export function printedToken(output: string[]): string {
  const token = output.map((l) => l.trim()).find((l) => l.startsWith("ntn_"));
  if (!token) throw new Error(`no token printed (an existing database?): ${output.join("\n")}`);
  return token;
}
