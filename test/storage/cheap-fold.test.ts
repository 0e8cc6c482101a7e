import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldTable } from "../../src/domain/search-text.ts";
import { postgresFold, postgresSearchTitle } from "../../src/storage/search/search-sql.ts";
import { type Store, migrate, openStore } from "../../src/storage/store.ts";
import { readRows } from "../../src/storage/raw-sql.ts";
import { testDatabaseOptions, testDialect } from "../support/test-database.ts";

describe.skipIf(testDialect() !== "postgres")("quire_fold (PostgreSQL, migration 021)", () => {
  let store: Store;
  beforeAll(async () => {
    store = openStore(testDatabaseOptions());
    await migrate(store);
  });
  afterAll(() => store.close());

  const both = async (text: string) =>
    (
      await readRows<{ table: string; fast: string }>(
        store.db,
        `select ${postgresFold("?::text")} as "table", quire_fold(?::text) as fast`,
        [text, text],
      )
    )[0];

  it("folds exactly as the character table does, ASCII or not", async () => {
    const { from } = foldTable();
    const samples = [
      "Plain ASCII Title 42 !?",
      "Ça va? ÉCOLE Straße",
      "项目计划书 ABC",
      "ǅungla İstanbul ΣΊΣΥΦΟΣ",
      "",
      // Every character the table maps, capitals among ASCII ones.
      from,
      `${from} MIXED with ASCII`,
    ];
    for (const text of samples) {
      const folded = await both(text);
      expect(folded?.fast, text).toBe(folded?.table);
    }
  });

  it("is what the search_title column is computed with", async () => {
    const title = "Ça va? ÉCOLE Straße";
    const [row] = await readRows<{ stored: string }>(
      store.db,
      `select ${postgresSearchTitle()} as stored from (select 'child_page' as type, ?::text as content) b`,
      [JSON.stringify({ title })],
    );
    expect(row?.stored).toBe((await both(title))?.table);
    expect(row?.stored).toBe("ca va? ecole straße");
  });
});
