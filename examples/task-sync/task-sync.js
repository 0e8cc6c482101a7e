/**
 * A tiny Notion integration, written against the official SDK only.
 * @param {import("@notionhq/client").Client} notion
 */
export async function archiveDoneTasks(notion, dataSourceId) {
  const done = await notion.dataSources.query({
    data_source_id: dataSourceId,
    filter: { property: "Done", checkbox: { equals: true } },
  });
  for (const page of done.results) await notion.pages.update({ page_id: page.id, in_trash: true });
  return done.results.length;
}

/** Titles of open tasks, most urgent first. */
export async function openTasks(notion, dataSourceId) {
  const open = await notion.dataSources.query({
    data_source_id: dataSourceId,
    filter: { property: "Done", checkbox: { equals: false } },
    sorts: [{ property: "Due", direction: "ascending" }],
  });
  return open.results.map((page) => page.properties.Task.title.map((t) => t.plain_text).join(""));
}
