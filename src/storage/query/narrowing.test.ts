import { describe, expect, it } from "vitest";
import type { Condition, FilterNode } from "../../domain/query/ast.ts";
import { narrowingsOf, sortWalkOf } from "./narrowing.ts";

const ctx = {
  dialect: "sqlite" as const,
  viewerUserId: "viewer",
  dates: { now: new Date("2024-03-13T15:00:00.000Z"), timeZone: "UTC" },
};

function on(propertyId: string, condition: Condition): FilterNode {
  return { kind: "condition", target: { kind: "property", propertyId, propertyType: "number" }, condition };
}

describe("narrowingsOf", () => {
  it("narrows each positive member of a top-level and", () => {
    const filter: FilterNode = {
      kind: "and",
      filters: [
        on("n", { kind: "number", op: "greater_than_or_equal_to", value: 5 }),
        on("s", { kind: "option", op: "equals", values: ["Doing", "Done"] }),
        on("c", { kind: "checkbox", op: "does_not_equal", value: false }),
        on("p", { kind: "membership", op: "contains", values: ["me"] }),
      ],
    };
    expect(narrowingsOf(filter, ctx)).toEqual([
      { propertyId: "n", where: "v.num >= ?", params: [5] },
      { propertyId: "s", where: "v.txt in (lower(?), lower(?))", params: ["Doing", "Done"] },
      { propertyId: "c", where: "v.num = 1", params: [] },
      { propertyId: "p", where: "v.txt in (lower(?))", params: ["viewer"] },
    ]);
  });

  it("turns a date operand into the range of its day", () => {
    const day = on("d", { kind: "date", op: "equals", value: { kind: "day", year: 2024, month: 3, day: 1 } });
    expect(narrowingsOf(day, ctx)).toEqual([
      {
        propertyId: "d",
        where: "v.num >= ? and v.num < ?",
        params: [Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 2)],
      },
    ]);
  });

  it("never narrows what empty values can match, nor an or", () => {
    const cases: FilterNode[] = [
      on("n", { kind: "number", op: "does_not_equal", value: 1 }),
      on("n", { kind: "number", op: "is_empty" }),
      on("t", { kind: "text", op: "does_not_contain", value: "x" }),
      on("t", { kind: "text", op: "equals", value: "" }),
      on("c", { kind: "checkbox", op: "equals", value: false }),
      on("v", { kind: "verification", op: "status", value: "none" }),
      { kind: "or", filters: [on("n", { kind: "number", op: "equals", value: 1 })] },
      {
        kind: "condition",
        target: { kind: "column", column: "created_time" },
        condition: { kind: "date", op: "past_week" },
      },
    ];
    for (const filter of cases) expect(narrowingsOf(filter, ctx)).toEqual([]);
  });
});

describe("sortWalkOf", () => {
  it("walks number, date and text sorts, not options or computed values", () => {
    expect(sortWalkOf({ value: { kind: "date", propertyId: "d" }, direction: "descending" })).toEqual({
      propertyId: "d",
      column: "num",
      direction: "desc",
    });
    expect(sortWalkOf({ value: { kind: "text", propertyId: "t" }, direction: "ascending" })).toEqual({
      propertyId: "t",
      column: "txt",
      direction: "asc",
    });
    expect(
      sortWalkOf({ value: { kind: "option", propertyId: "s", options: ["a"] }, direction: "ascending" }),
    ).toBeNull();
    expect(sortWalkOf({ value: { kind: "computed", propertyId: "f" }, direction: "ascending" })).toBeNull();
  });
});
