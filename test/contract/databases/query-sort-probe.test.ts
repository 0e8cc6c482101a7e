import { collectPaginatedAPI } from "@notionhq/client";
import type { PageObjectResponse } from "@notionhq/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, startTestServer } from "../../support/quire.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/**
 * Sorting by a number or date walks that property's index first (storage/block-repo.ts queryRows);
 * every page must still equal the plain "filter everything, sort everything" answer, including ties,
 * empty values (last in both directions) and pages where the walk falls short.
 */
describe("sorted queries over indexed properties", () => {
  it("page through the same rows as a full sort, both directions", async () => {
    const ws = await server.workspace();
    const client = ws.client();
    const home = await client.pages.create({ parent: { workspace: true } });
    const database = await client.databases.create({
      parent: { type: "page_id", page_id: home.id },
      initial_data_source: {
        properties: { Name: { title: {} }, Score: { number: {} }, Day: { date: {} }, Keep: { checkbox: {} } },
      },
    });
    const sourceId = (database as { data_sources: Array<{ id: string }> }).data_sources[0]?.id ?? "";
    const rows = Array.from({ length: 120 }, (_, i) => ({
      name: `r${i}`,
      score: i % 7 === 0 ? null : (i * 37) % 11,
      day: i % 5 === 0 ? null : `2026-01-${String((i % 9) + 1).padStart(2, "0")}`,
      keep: i % 4 !== 0,
    }));
    for (const row of rows) {
      await client.pages.create({
        parent: { data_source_id: sourceId },
        properties: {
          Name: { title: [{ text: { content: row.name } }] },
          Score: { number: row.score },
          Day: { date: row.day ? { start: row.day } : null },
          Keep: { checkbox: row.keep },
        },
      });
    }
    const kept = rows.filter((r) => r.keep);
    for (const [property, key] of [
      ["Score", "score"],
      ["Day", "day"],
    ] as const) {
      for (const direction of ["ascending", "descending"] as const) {
        const expected = [...kept]
          .sort((a, b) => {
            const x = a[key];
            const y = b[key];
            if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
            const order = x < y ? -1 : x > y ? 1 : 0;
            return direction === "ascending" ? order : -order;
          })
          .map((r) => r.name);
        const results = (await collectPaginatedAPI(client.dataSources.query, {
          data_source_id: sourceId,
          filter: { property: "Keep", checkbox: { equals: true } },
          sorts: [{ property, direction }],
          page_size: 7,
        })) as PageObjectResponse[];
        const names = results.map((p) => {
          const title = p.properties.Name;
          return title?.type === "title" ? (title.title[0]?.plain_text ?? "") : "";
        });
        expect(names, `${property} ${direction}`).toEqual(expected);
      }
    }
  });
});
