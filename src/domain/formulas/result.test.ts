import { describe, expect, it } from "vitest";
import { compileFormula, inferResultType, propertyFormulaType } from "./index.ts";
import { dateFromNotion, toFormulaResult } from "./result.ts";
import { env } from "./test-support.ts";
import { EMPTY, boolean, date, list, number, text } from "./values.ts";

describe("toFormulaResult", () => {
  it.each([
    [number(42), { type: "number", number: 42 }],
    [number(1 / 0), { type: "number", number: null }],
    [text("hi"), { type: "string", string: "hi" }],
    [boolean(false), { type: "boolean", boolean: false }],
    [list([number(1), text("a")]), { type: "string", string: "1, a" }],
    [{ type: "person", id: "u1", name: "Ada" } as const, { type: "string", string: "Ada" }],
    [EMPTY, { type: "string", string: null }],
    [
      date(Date.UTC(2023, 7, 30, 17, 55)),
      { type: "date", date: { start: "2023-08-30T17:55:00.000+00:00", end: null, time_zone: null } },
    ],
    [
      date(Date.UTC(2023, 0, 1), Date.UTC(2023, 0, 31), true),
      { type: "date", date: { start: "2023-01-01", end: "2023-01-31", time_zone: null } },
    ],
  ])("%j → %j", (value, expected) => {
    expect(toFormulaResult(value)).toEqual(expected);
  });

  it("serves an empty value as the null of the formula's type", () => {
    const formula = compileFormula('prop("Price") * 2');
    const value = formula.evaluate(env());
    expect(toFormulaResult(value, { type: formula.resultType })).toEqual({ type: "number", number: null });
    expect(toFormulaResult(EMPTY, { type: "date" })).toEqual({ type: "date", date: null });
    expect(toFormulaResult(EMPTY, { type: "boolean" })).toEqual({ type: "boolean", boolean: null });
  });

  it("writes dates in the requested zone", () => {
    const result = toFormulaResult(date(Date.UTC(2023, 7, 30, 17, 55)), { timeZone: "Asia/Tokyo" });
    expect(result).toEqual({
      type: "date",
      date: { start: "2023-08-31T02:55:00.000+09:00", end: null, time_zone: null },
    });
  });

  it("infers the Notion result type of an expression", () => {
    expect(inferResultType("1 + 1")).toBe("number");
    expect(inferResultType('"a".length() > 0')).toBe("boolean");
    expect(inferResultType("today()")).toBe("date");
    expect(inferResultType("[1, 2]")).toBe("string");
  });
});

describe("dateFromNotion", () => {
  it("converts API date values", () => {
    expect(dateFromNotion({ start: "2023-05-01" })).toEqual(date(Date.UTC(2023, 4, 1), null, true));
    expect(
      dateFromNotion({ start: "2023-05-01T10:00:00.000-04:00", end: "2023-05-01T12:00:00.000-04:00" }),
    ).toEqual(date(Date.UTC(2023, 4, 1, 14), Date.UTC(2023, 4, 1, 16)));
    expect(dateFromNotion(null)).toEqual(EMPTY);
    expect(dateFromNotion({ start: "garbage" })).toEqual(EMPTY);
  });
});

describe("propertyFormulaType", () => {
  it("maps Notion property types to formula types", () => {
    expect(propertyFormulaType("multi_select")).toEqual({ list: "text" });
    expect(propertyFormulaType("checkbox")).toBe("boolean");
    expect(propertyFormulaType("rollup")).toBe("any");
    expect(propertyFormulaType("constructor")).toBe("any");
  });
});
