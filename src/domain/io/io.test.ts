import { describe, expect, it } from "vitest";
import { inferColumnType, parseCell, parseDateRange, splitRelations } from "./cell-parse.ts";
import { parseCsv, writeCsv } from "./csv.ts";
import { baseName, resolvePath, splitBaseName } from "./file-names.ts";

describe("csv", () => {
  it("round-trips quotes, commas, newlines and edge spaces", () => {
    const rows = [
      ["Name", "Notes"],
      ['say "hi", then', "two\nlines"],
      [" padded ", ""],
    ];
    expect(parseCsv(writeCsv(rows))).toEqual(rows);
    expect(parseCsv("\uFEFFa,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("names the line of a broken quote", () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow("line 3: a quoted cell is never closed");
    expect(() => parseCsv('a\n"x"y\n')).toThrow("line 2: unexpected text after a closing quote");
  });
});

describe("file names", () => {
  it("follows Notion's `Title <id>` and reads it back", () => {
    const id = "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    expect(baseName('a/b: "c"', id)).toBe("a b c 0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    expect(baseName("", id)).toBe("Untitled 0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    expect(splitBaseName("Tasks 0a1b2c3d4e5f60718293a4b5c6d7e8f9_all")).toEqual({
      title: "Tasks",
      id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    });
    expect(splitBaseName("Plain")).toEqual({ title: "Plain", id: null });
    expect(resolvePath("A/B/c.csv", "../D/e.md")).toBe("A/D/e.md");
  });
});

describe("cells", () => {
  it("reads ISO and Notion dates and ranges", () => {
    expect(parseDateRange("March 5, 2026 → March 7, 2026")).toEqual({
      start: "2026-03-05",
      end: "2026-03-07",
    });
    expect(parseDateRange("April 2, 2026 12:05 AM")).toEqual({
      start: "2026-04-02T00:05:00.000Z",
      end: null,
    });
    expect(parseDateRange("2026-01-01T10:00:00.000+02:00")).toEqual({
      start: "2026-01-01T10:00:00.000+02:00",
      end: null,
    });
    expect(parseDateRange("soon")).toBeNull();
  });

  it("parses typed values and refuses wrong ones", () => {
    expect(parseCell("number", "1,234.5")).toBe(1234.5);
    expect(() => parseCell("number", "many")).toThrow('"many" is not a number');
    expect(parseCell("checkbox", "Yes")).toBe(true);
    expect(parseCell("multi_select", "a, b")).toEqual([{ name: "a" }, { name: "b" }]);
    expect(parseCell("select", "")).toBeUndefined();
  });

  it("splits relation cells", () => {
    expect(splitRelations("A (x/A%20id.md), B, C (y.md)")).toEqual([
      { title: "A", link: "x/A%20id.md" },
      { title: "B, C", link: "y.md" },
    ]);
  });

  it("infers column types from values", () => {
    expect(inferColumnType(["Yes", "No"])).toBe("checkbox");
    expect(inferColumnType(["1", "", "2.5"])).toBe("number");
    expect(inferColumnType(["March 1, 2026", "2026-01-02"])).toBe("date");
    expect(inferColumnType(["https://a.example", ""])).toBe("url");
    expect(inferColumnType(["a@b.co"])).toBe("email");
    expect(inferColumnType(["x, y", "y", "x"])).toBe("multi_select");
    expect(inferColumnType(["Todo", "Done", "Todo"])).toBe("select");
    expect(inferColumnType(["one sentence", "another one"])).toBe("rich_text");
    expect(inferColumnType(["R (Db/R%20" + "a".repeat(32) + ".md)"])).toBe("relation");
  });
});
