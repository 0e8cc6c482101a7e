import { describe, expect, it } from "vitest";
import { foldTable, foldText, queryWords, titleMatches } from "./search-text.ts";

describe("search text", () => {
  it("folds case and diacritics of Latin, Greek and Cyrillic", () => {
    expect(foldText("Café RÉSUMÉ Ångström")).toBe("cafe resume angstrom");
    expect(foldText("Ἀθῆναι ЁЛКА")).toBe("αθηναι елка");
    expect(foldText("项目")).toBe("项目");
  });

  it("has a one-to-one table for SQL's translate()", () => {
    const { from, to } = foldTable();
    expect([...from]).toHaveLength([...to].length);
    expect(from).toContain("É");
    expect(to[[...from].indexOf("É")]).toBe("e");
  });

  it("splits queries into distinct folded words and marks unspaced scripts", () => {
    expect(queryWords("  Project-plan, PROJECT ")).toEqual([
      { text: "project", unspaced: false },
      { text: "plan", unspaced: false },
    ]);
    expect(queryWords("東京 tower")).toEqual([
      { text: "東京", unspaced: true },
      { text: "tower", unspaced: false },
    ]);
    expect(queryWords(" ,; ")).toEqual([]);
    expect(queryWords("a b c d e f g h i j")).toHaveLength(8);
  });

  it("matches titles as the engines do: word prefixes, unspaced words anywhere", () => {
    expect(titleMatches("Project Plan 2026", queryWords("proj pla"))).toBe(true);
    expect(titleMatches("Café résumé", queryWords("RESU"))).toBe(true);
    expect(titleMatches("Untitled", queryWords("secret"))).toBe(false);
    expect(titleMatches("Reproject", queryWords("project"))).toBe(false);
    expect(titleMatches("東京タワー", queryWords("京タ"))).toBe(true);
  });
});
