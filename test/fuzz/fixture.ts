import { Client, LogLevel } from "@notionhq/client";

/** What the fuzzer aims at: real objects to put in paths, and one valid body per route that takes one. */
export interface FuzzFixture {
  /** Path parameter name (`page_id`, …) → an id of a real object of that kind. */
  ids: Record<string, string>;
  /** `METHOD /path` → a body Quire accepts there. */
  bodies: Record<string, unknown>;
  /** `METHOD /path` → query parameters Quire accepts there. */
  queries: Record<string, Record<string, string>>;
}

const text = (content: string) => [{ type: "text" as const, text: { content } }];

/** Creates a page, a database with rows, blocks, a comment, an upload and a view, through the SDK. */
export async function buildFixture(baseUrl: string, token: string): Promise<FuzzFixture> {
  const notion = new Client({ auth: token, baseUrl, retry: false, logLevel: LogLevel.ERROR });
  const page = await notion.pages.create({
    parent: { workspace: true },
    properties: { title: { title: text("Fuzz target") } },
    children: [{ paragraph: { rich_text: text("A paragraph") } }],
  });
  const other = await notion.pages.create({
    parent: { workspace: true },
    properties: { title: { title: text("Fuzz destination") } },
  });
  const { results } = await notion.blocks.children.list({ block_id: page.id });
  const database = await notion.databases.create({
    parent: { type: "page_id", page_id: page.id },
    title: text("Fuzz table"),
    initial_data_source: { properties: { Name: { title: {} }, Score: { number: {} } } },
  });
  const dataSourceId = ("data_sources" in database ? database.data_sources[0]?.id : "") as string;
  const row = await notion.pages.create({
    parent: { type: "data_source_id", data_source_id: dataSourceId },
    properties: { Name: { title: text("Row") }, Score: { number: 3 } },
  });
  const comment = await notion.comments.create({ parent: { page_id: page.id }, rich_text: text("Hi") });
  const upload = await notion.fileUploads.create({ filename: "fuzz.txt", content_type: "text/plain" });
  const views = await notion.views.list({ data_source_id: dataSourceId });
  const me = await notion.users.me({});
  const ids: Record<string, string> = {
    page_id: page.id,
    block_id: results[0]?.id ?? page.id,
    database_id: database.id,
    data_source_id: dataSourceId,
    comment_id: comment.id,
    file_upload_id: upload.id,
    view_id: views.results[0]?.id ?? "",
    user_id: me.id,
    property_id: "title",
    query_id: "00000000-0000-4000-8000-000000000000",
    task_id: "00000000-0000-4000-8000-000000000000",
  };
  const paragraph = { paragraph: { rich_text: text("Fuzzed") } };
  const filter = { property: "Name", title: { contains: "R" } };
  const sorts = [{ property: "Score", direction: "descending" }];
  return {
    ids,
    bodies: {
      "POST /v1/pages": {
        parent: { page_id: page.id },
        properties: { title: { title: text("Child") } },
        children: [paragraph],
      },
      "PATCH /v1/pages/{page_id}": {
        properties: { title: { title: text("Renamed") } },
        icon: { emoji: "🧪" },
      },
      "POST /v1/pages/{page_id}/move": { parent: { type: "page_id", page_id: other.id } },
      "PATCH /v1/pages/{page_id}/markdown": {
        type: "insert_content",
        insert_content: { content: "## More\n\ntext" },
      },
      "PATCH /v1/blocks/{block_id}": paragraph,
      "PATCH /v1/blocks/{block_id}/children": {
        children: [paragraph, { to_do: { rich_text: text("Do"), checked: true } }],
      },
      "POST /v1/databases": {
        parent: { type: "page_id", page_id: page.id },
        title: text("Another table"),
        initial_data_source: {
          properties: { Name: { title: {} }, Tags: { multi_select: { options: [{ name: "a" }] } } },
        },
      },
      "PATCH /v1/databases/{database_id}": { title: text("Renamed table") },
      "POST /v1/databases/{database_id}/query": { filter, sorts, page_size: 5 },
      "POST /v1/data_sources": {
        parent: { type: "database_id", database_id: database.id },
        properties: { Name: { title: {} } },
      },
      "PATCH /v1/data_sources/{data_source_id}": { properties: { Done: { checkbox: {} } } },
      "POST /v1/data_sources/{data_source_id}/query": {
        filter: { and: [filter, { property: "Score", number: { greater_than: 1 } }] },
        sorts,
        page_size: 10,
      },
      "POST /v1/views": {
        data_source_id: dataSourceId,
        database_id: database.id,
        name: "Fuzz view",
        type: "table",
      },
      "PATCH /v1/views/{view_id}": { name: "Renamed view" },
      "POST /v1/views/{view_id}/queries": { page_size: 10 },
      "POST /v1/search": {
        query: "Fuzz",
        filter: { property: "object", value: "page" },
        sort: { direction: "descending", timestamp: "last_edited_time" },
        page_size: 10,
      },
      "POST /v1/comments": { parent: { page_id: row.id }, rich_text: text("Another") },
      "PATCH /v1/comments/{comment_id}": { rich_text: text("Edited") },
      "POST /v1/file_uploads": { mode: "multi_part", number_of_parts: 2, filename: "big.csv" },
      "POST /v1/file_uploads/{file_upload_id}/complete": {},
      "POST /v1/oauth/token": {
        grant_type: "authorization_code",
        code: "nope",
        redirect_uri: "http://localhost/cb",
      },
      "POST /v1/oauth/introspect": { token: "nope" },
      "POST /v1/oauth/revoke": { token: "nope" },
    },
    queries: {
      "GET /v1/users": { page_size: "10" },
      "GET /v1/blocks/{block_id}/children": { page_size: "5" },
      "GET /v1/comments": { block_id: page.id, page_size: "5" },
      "GET /v1/views": { data_source_id: dataSourceId },
      "GET /v1/file_uploads": { status: "pending", page_size: "5" },
      "GET /v1/pages/{page_id}": { filter_properties: "title" },
      "GET /v1/pages/{page_id}/properties/{property_id}": { page_size: "5" },
      "GET /v1/pages/{page_id}/markdown": { include_transcript: "false" },
      "GET /v1/data_sources/{data_source_id}/templates": { page_size: "5" },
    },
  };
}
