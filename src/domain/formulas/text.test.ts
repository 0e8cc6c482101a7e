import { describe, expect, it } from "vitest";
import { run } from "./test-support.ts";
import { date, list, number, text } from "./values.ts";

// Expected values are the examples on Notion's "Formula syntax & functions" help page unless noted.
describe("text functions", () => {
  it.each([
    ['"Notion".length()', 6],
    ['length("hello")', 5],
    ['substring("Notion", 0, 3)', "Not"],
    ['substring("Notion", 3)', "ion"],
    ['contains("Notion", "ot")', true],
    ['"Notion".contains("x")', false],
    ['test("Notion", "Not")', true],
    [String.raw`test("Notion", "\\d")`, false],
    ['match("Notion Notion", "Not")', ["Not", "Not"]],
    [String.raw`match("Notion 123 Notion 456", "\\d+")`, ["123", "456"]],
    ['replace("Notion Notion", "N", "M")', "Motion Notion"],
    ['replaceAll("Notion Notion", "N", "M")', "Motion Motion"],
    [String.raw`replaceAll("Notion 123", "\\d", "")`, "Notion "],
    [String.raw`replace("2023-08-30", "(\\d+)-(\\d+)-(\\d+)", "$3/$2/$1")`, "30/08/2023"],
    ['lower("NOTION")', "notion"],
    ['upper("notion")', "NOTION"],
    ['repeat("0", 4)', "0000"],
    ['padStart("5", 3, "0")', "005"],
    ['padEnd("5", 3, "0")', "500"],
    ['"7".padStart(3)', "  7"],
    ['link("Notion", "https://notion.so")', "Notion"],
    ['style("Notion", "b", "u", "blue_background")', "Notion"],
    ['unstyle("Notion")', "Notion"],
    ["format(1234)", "1234"],
    ["format(true)", "true"],
    ['format([1, "a", true])', "1, a, true"],
    ['split("apple,pear,orange", ",")', ["apple", "pear", "orange"]],
    ['"hello" + " " + "world"', "hello world"],
    ['"Total: " + 5', "Total: 5"],
    ['concat("a", "b", "c")', "abc"],
  ])("%s → %j", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it("prints numbers, dates and booleans where text is expected", () => {
    // Notion's own example: now().day().test("[67]") tells weekends apart.
    expect(run('now().day().test("[67]")')).toBe(false);
    expect(run('"Due " + prop("Due")', { Due: date(Date.UTC(2023, 7, 30), null, true) })).toBe(
      "Due August 30, 2023",
    );
  });

  it("reads text properties", () => {
    expect(run('prop("Title").upper()', { Title: text("quire") })).toBe("QUIRE");
    expect(run('prop("Tags").contains("b")', { Tags: list([text("a"), text("b")]) })).toBe(true);
  });

  it("treats an empty property as empty text when joined", () => {
    expect(run('"Name: " + prop("Missing")')).toBe("Name: ");
    expect(run('prop("Missing").length()')).toBeNull();
  });

  it("refuses to build enormous text", () => {
    expect(() => run('repeat("abc", 1e9)')).toThrow(/too long/);
    expect(run('repeat("ab", prop("N"))', { N: number(2) })).toBe("abab");
  });
});
