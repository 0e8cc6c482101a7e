import {
  APIResponseError,
  type BlockObjectResponse,
  type Client,
  type PageObjectResponse,
  collectPaginatedAPI,
  isFullBlock,
  isFullPage,
} from "@notionhq/client";
import { expect } from "vitest";

/** Shared by the contract suites: small builders and assertions over the official SDK's types. */

export function text(content: string): Array<{ type: "text"; text: { content: string } }> {
  return [{ type: "text", text: { content } }];
}

/** A paragraph request; its narrow type fits every nesting level of the SDK's request unions. */
export function paragraph(content: string): {
  type: "paragraph";
  paragraph: { rich_text: ReturnType<typeof text> };
} {
  return { type: "paragraph", paragraph: { rich_text: text(content) } };
}

export function plain(richText: ReadonlyArray<{ plain_text: string }>): string {
  return richText.map((item) => item.plain_text).join("");
}

export function fullPage(response: unknown): PageObjectResponse {
  if (!isFullPage(response as Parameters<typeof isFullPage>[0])) {
    throw new Error(`expected a full page, got ${JSON.stringify(response)}`);
  }
  return response as PageObjectResponse;
}

export function fullBlock(response: unknown): BlockObjectResponse {
  if (!isFullBlock(response as Parameters<typeof isFullBlock>[0])) {
    throw new Error(`expected a full block, got ${JSON.stringify(response)}`);
  }
  return response as BlockObjectResponse;
}

export function pageTitle(page: PageObjectResponse): string {
  const title = page.properties["title"];
  if (title?.type !== "title") throw new Error(`page ${page.id} has no title property`);
  return plain(title.title);
}

/** A top-level (workspace) page; only a personal access token may create one. */
export async function workspacePage(client: Client, title = "Root"): Promise<PageObjectResponse> {
  return fullPage(
    await client.pages.create({
      parent: { type: "workspace", workspace: true },
      properties: { title: { title: text(title) } },
    }),
  );
}

export async function childPage(
  client: Client,
  parentId: string,
  title: string,
): Promise<PageObjectResponse> {
  return fullPage(
    await client.pages.create({
      parent: { type: "page_id", page_id: parentId },
      properties: { title: { title: text(title) } },
    }),
  );
}

/** Appends paragraphs and returns their ids in order. */
export async function appendParagraphs(client: Client, parentId: string, texts: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < texts.length; i += 100) {
    const response = await client.blocks.children.append({
      block_id: parentId,
      children: texts.slice(i, i + 100).map(paragraph),
    });
    ids.push(...response.results.map((b) => b.id));
  }
  return ids;
}

export async function children(client: Client, blockId: string): Promise<BlockObjectResponse[]> {
  const all = await collectPaginatedAPI(client.blocks.children.list, { block_id: blockId });
  return all.map(fullBlock);
}

/** The plain text of each child, for order assertions. */
export function blockText(block: BlockObjectResponse): string {
  const content = (block as unknown as Record<string, unknown>)[block.type];
  if (content && typeof content === "object" && "rich_text" in content && Array.isArray(content.rich_text)) {
    return plain(content.rich_text as Array<{ plain_text: string }>);
  }
  if (block.type === "child_page") return block.child_page.title;
  return `<${block.type}>`;
}

export async function childTexts(client: Client, blockId: string): Promise<string[]> {
  return (await children(client, blockId)).map(blockText);
}

export interface ExpectedError {
  status: number;
  code: string;
  message?: string | RegExp;
}

/** Awaits a rejected SDK call and checks it became an `APIResponseError` carrying Notion's fields. */
export async function expectApiError(
  promise: Promise<unknown>,
  expected: ExpectedError,
): Promise<APIResponseError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error(`expected ${expected.code}, but the call succeeded`);
  if (!APIResponseError.isAPIResponseError(caught)) {
    throw new Error(`expected an APIResponseError (${expected.code}), got ${String(caught)}`);
  }
  expect({ status: caught.status, code: caught.code }).toEqual({
    status: expected.status,
    code: expected.code,
  });
  if (typeof expected.message === "string") expect(caught.message).toBe(expected.message);
  else if (expected.message) expect(caught.message).toMatch(expected.message);
  expect(caught.request_id).toMatch(/\S/);
  return caught;
}

export function notFoundMessage(kind: string, id: string, integrationName?: string): string {
  const hint = integrationName
    ? ` Make sure the relevant pages and databases are shared with your integration "${integrationName}".`
    : "";
  return `Could not find ${kind} with ID: ${id}.${hint}`;
}

export function compact(id: string): string {
  return id.replace(/-/g, "");
}

/** A well-formed id that names nothing. */
export const MISSING_ID = "5b1c7b7e-0c4f-4bb6-9a3e-0f5d3c2b1a09";

/** Every response carries its own `request_id`; compare objects without it. */
export function withoutRequestId<T extends object>(value: T): Omit<T, "request_id"> {
  const copy = { ...value } as Record<string, unknown>;
  delete copy["request_id"];
  return copy as Omit<T, "request_id">;
}

const DEFAULT_ANNOTATIONS = {
  bold: false,
  italic: false,
  strikethrough: false,
  underline: false,
  code: false,
  color: "default",
};

/** What Notion serves back for `text(content)`. */
export function served(content: string) {
  return [
    {
      type: "text",
      text: { content, link: null },
      annotations: DEFAULT_ANNOTATIONS,
      plain_text: content,
      href: null,
    },
  ];
}

/** The type-specific object of a block (`block[block.type]`). */
export function blockContent(block: BlockObjectResponse): unknown {
  return (block as unknown as Record<string, unknown>)[block.type];
}
