/**
 * What a new workspace starts with under `npm start`, so the first `pages.retrieve` or data-source query
 * returns something real: a welcome page with varied blocks, and a projects/tasks pair of databases with
 * a dual relation, selects, dates, people, a formula and a rollup.
 */
export const DEMO_SEED = {
  pages: [
    {
      key: "welcome",
      title: "Welcome to Quire",
      icon: "👋",
      content: [
        "Quire speaks the Notion API. Point any Notion client at this server by changing only its base URL.",
        { callout: { text: "Everything here is demo data; delete it whenever you like.", icon: "💡" } },
        "## Try it",
        "1. Retrieve this page with `notion.pages.retrieve`.",
        "2. Query the Tasks database below, filtered by status.",
        "3. Append a block to this page and watch it appear.",
        {
          code: {
            text: 'const notion = new Client({ auth, baseUrl: "http://127.0.0.1:7878" });',
            language: "javascript",
          },
        },
        "---",
        "## Checklist",
        "- [x] Start Quire",
        "- [ ] Create an integration with `npx quire integration create --name Bot`",
        "- [ ] Share a page with it: `npx quire share Bot PAGE_ID`",
        {
          toggle: {
            text: "Where is my data?",
            children: ["In .quire/quire.db (SQLite), or in PostgreSQL with --database-url."],
          },
        },
        "> Tests can start their own Quire with startQuire() from quire-server/testing.",
        { link_to_page: "roadmap" },
      ],
      pages: [
        {
          key: "roadmap",
          title: "Roadmap",
          icon: "🗺️",
          content: [
            "# Roadmap",
            "The projects below live in a database; each has tasks in another, linked both ways.",
            "- Website relaunch ships in spring.",
            "- The mobile app follows once the API is stable.",
          ],
          databases: [
            {
              key: "projects",
              title: "Projects",
              icon: "📁",
              properties: {
                Name: "title",
                Status: { type: "status", options: ["Not started", "In progress", "Done"] },
                Owner: "people",
                Timeline: "date",
                Budget: { type: "number", format: "dollar" },
                Progress: {
                  type: "rollup",
                  relation: "Tasks",
                  property: "Done",
                  function: "percent_checked",
                },
              },
              rows: [
                {
                  key: "website",
                  properties: {
                    Name: "Website relaunch",
                    Status: "In progress",
                    Owner: "owner",
                    Timeline: { start: "2025-03-01", end: "2025-05-30" },
                    Budget: 12000,
                  },
                  content: ["New design, new docs, same URLs."],
                },
                {
                  key: "mobile",
                  properties: {
                    Name: "Mobile app",
                    Status: "Not started",
                    Owner: "ana",
                    Timeline: { start: "2025-06-01" },
                    Budget: 30000,
                  },
                },
              ],
            },
            {
              key: "tasks",
              title: "Tasks",
              icon: "✅",
              properties: {
                Task: "title",
                Status: { type: "status", options: ["Not started", "In progress", "Done"] },
                Done: "checkbox",
                Priority: {
                  type: "select",
                  options: [
                    { name: "High", color: "red" },
                    { name: "Medium", color: "yellow" },
                    { name: "Low", color: "gray" },
                  ],
                },
                Tags: { type: "multi_select", options: ["design", "backend", "docs"] },
                Due: "date",
                Assignee: "people",
                Project: { type: "relation", database: "projects", dual: "Tasks" },
                Days: {
                  type: "formula",
                  expression: 'if(empty(prop("Due")), 0, dateBetween(prop("Due"), now(), "days"))',
                },
              },
              rows: [
                {
                  properties: {
                    Task: "Draft the new home page",
                    Status: "Done",
                    Done: true,
                    Priority: "High",
                    Tags: ["design"],
                    Due: "2025-03-14",
                    Assignee: "ana",
                    Project: "website",
                  },
                },
                {
                  properties: {
                    Task: "Move docs to the new site",
                    Status: "In progress",
                    Done: false,
                    Priority: "Medium",
                    Tags: ["docs"],
                    Due: "2025-04-30",
                    Assignee: "owner",
                    Project: "website",
                  },
                },
                {
                  properties: {
                    Task: "Redirect old URLs",
                    Status: "Not started",
                    Done: false,
                    Priority: "Low",
                    Tags: ["backend"],
                    Due: "2025-05-20",
                    Project: "website",
                  },
                },
                {
                  properties: {
                    Task: "Sketch the app's screens",
                    Status: "Not started",
                    Done: false,
                    Priority: "Medium",
                    Tags: ["design"],
                    Assignee: "ana",
                    Project: "mobile",
                  },
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  users: [{ key: "ana", name: "Ana Lima", email: "ana@example.com" }],
};
