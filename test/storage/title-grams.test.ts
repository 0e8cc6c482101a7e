import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryGrams } from "../../src/storage/search/search-sql.ts";
import { type Store, migrate, openStore } from "../../src/storage/store.ts";
import { readRows } from "../../src/storage/raw-sql.ts";
import { testDatabaseOptions, testDialect } from "../support/test-database.ts";

describe("the grams of unspaced title words", () => {
  it("are a word's character pairs, or its one character, and nothing for spaced scripts", () => {
    expect(queryGrams("项目")).toEqual(["项目"]);
    expect(queryGrams("计划书")).toEqual(["计划", "划书"]);
    expect(queryGrams("项")).toEqual(["项"]);
    expect(queryGrams("abc项")).toEqual(["项"]);
    expect(queryGrams("カタカナ")).toEqual(["カタ", "タカ", "カナ"]);
    expect(queryGrams("plan")).toEqual([]);
  });
});

describe.skipIf(testDialect() !== "postgres")("quire_title_grams (PostgreSQL, migration 014)", () => {
  let store: Store;
  beforeAll(async () => {
    store = openStore(testDatabaseOptions());
    await migrate(store);
  });
  afterAll(() => store.close());

  const grams = async (title: string) =>
    (await readRows<{ g: string[] }>(store.db, `select quire_title_grams(?) as g`, [title]))[0]?.g ?? [];

  it("holds every gram of every substring of a title, so containment finds each title holding the word", async () => {
    for (const title of ["项目计划 会议记录", "季度总结 Q3 报告", "ひらがなとカタカナ", "mixed項目text"]) {
      const held = new Set(await grams(title));
      const chars = [...title];
      for (let i = 0; i < chars.length; i++)
        for (let j = i + 1; j <= chars.length; j++)
          for (const gram of queryGrams(chars.slice(i, j).join("")))
            expect(held, `${title}: ${gram}`).toContain(gram);
    }
  });

  it("leaves out pairs across a space or with a Latin letter", async () => {
    const held = await grams("项目 计划a书");
    expect(held).not.toContain("目 ");
    expect(held).not.toContain("目计");
    expect(held).not.toContain("划a");
    expect(held).toEqual(expect.arrayContaining(["项目", "计划", "项", "书"]));
  });
});
