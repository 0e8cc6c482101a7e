import { describe, expect, it } from "vitest";
import { SeedError, parseSeedText, readSeed } from "./seed-format.ts";

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof SeedError) return error.issues;
    throw error;
  }
  throw new Error("expected a SeedError");
}

describe("seed files", () => {
  it("reads YAML and JSON into the same seed, with defaults filled in", () => {
    const yaml = parseSeedText(`
pages:
  - key: home
    title: Home
    content: ["# Welcome", "hello"]
    databases:
      - key: tasks
        title: Tasks
        properties: { Task: title, Done: checkbox }
        rows:
          - properties: { Task: Write tests, Done: true }
integrations:
  - name: Bot
    share: [home]
`);
    const json = parseSeedText(
      JSON.stringify({
        pages: [
          {
            key: "home",
            title: "Home",
            content: ["# Welcome", "hello"],
            databases: [
              {
                key: "tasks",
                title: "Tasks",
                properties: { Task: "title", Done: "checkbox" },
                rows: [{ properties: { Task: "Write tests", Done: true } }],
              },
            ],
          },
        ],
        integrations: [{ name: "Bot", share: ["home"] }],
      }),
    );
    expect(json).toEqual(yaml);
    expect(yaml.integrations[0]?.capabilities).toContain("insert");
    expect(yaml.pages[0]?.databases[0]?.properties).toEqual({
      Task: { type: "title" },
      Done: { type: "checkbox" },
    });
    expect(yaml.pages[0]?.databases[0]?.rows[0]?.path).toBe("pages[0].databases[0].rows[0]");
  });

  it("gives a database without properties Notion's default title column", () => {
    const seed = readSeed({ databases: [{ title: "Notes" }] });
    expect(seed.databases[0]?.properties).toEqual({ Name: { type: "title" } });
  });

  it("accepts an empty file as an empty seed", () => {
    expect(parseSeedText("").pages).toEqual([]);
  });

  it("names the path of every problem at once", () => {
    const issues = issuesOf(() =>
      readSeed({
        pages: [{ tittle: "Home" }],
        databases: [
          {
            title: "Tasks",
            properties: { Task: "title", Status: "selekt", Owner: { type: "relation", database: "nowhere" } },
            rows: [{ properties: { Missing: "x" } }],
          },
        ],
        integrations: [{ name: "Bot", capabilities: ["read", "fly"], share: ["home"], token: "abc" }],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pages\[0\]\.tittle: unknown field/),
        "pages[0].title: is required",
        'databases[0].properties.Status: unknown property type "selekt"',
        'databases[0].properties.Owner.database: no database has the key "nowhere"',
        expect.stringMatching(/^databases\[0\]\.rows\[0\]\.properties\.Missing: unknown field/),
        expect.stringMatching(/^integrations\[0\]\.capabilities\[1\]: unknown capability `"fly"`/),
        expect.stringMatching(/^integrations\[0\]\.token: should look like a Notion token/),
        'integrations[0].share[0]: no page or database has the key "home"',
      ]),
    );
  });

  it("refuses duplicate keys, a second title property and incomplete formulas and rollups", () => {
    const issues = issuesOf(() =>
      readSeed({
        pages: [
          { key: "a", title: "A" },
          { key: "a", title: "B" },
        ],
        databases: [
          {
            title: "T",
            properties: {
              One: "title",
              Two: "title",
              F: { type: "formula" },
              R: { type: "rollup", relation: "X" },
            },
          },
        ],
      }),
    );
    expect(issues).toEqual([
      "databases[0].properties.F.expression: a formula needs an expression",
      expect.stringMatching(/^databases\[0\]\.properties\.R: a rollup needs `relation`/),
      "databases[0].properties: needs exactly one title property, found 2",
      'pages[1].key: "a" is already the key of pages[0]',
    ]);
  });

  it("reports YAML syntax errors with the source name", () => {
    expect(issuesOf(() => parseSeedText("pages: [", "seed.yaml"))[0]).toMatch(
      /^seed\.yaml is not valid YAML or JSON/,
    );
  });

  it("passes Notion's own property shapes through", () => {
    const seed = readSeed({
      databases: [
        { title: "T", properties: { Name: { title: {} }, Score: { number: { format: "percent" } } } },
      ],
    });
    expect(seed.databases[0]?.properties["Score"]).toEqual({ type: "number", notion: { format: "percent" } });
  });
});
