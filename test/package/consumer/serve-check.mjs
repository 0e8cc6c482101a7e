// Run inside a consumer project: `node serve-check.mjs URL TOKEN`. Drives a `quire serve` started from
// the installed package with the consumer's own @notionhq/client; prints what it saw as JSON.
/* global console, process */
import { Client } from "@notionhq/client";

const [url, token] = process.argv.slice(2);
const notion = new Client({ auth: token, baseUrl: url });
const me = await notion.users.me({});
const title = { title: [{ text: { content: "Written by the smoke test" } }] };
const page = await notion.pages.create({ parent: { workspace: true }, properties: { title } });
await notion.blocks.children.append({
  block_id: page.id,
  children: [{ paragraph: { rich_text: [{ text: { content: "It works." } }] } }],
});
const children = await notion.blocks.children.list({ block_id: page.id });
console.log(JSON.stringify({ me: me.type, page: page.id, children: children.results.map((b) => b.type) }));
