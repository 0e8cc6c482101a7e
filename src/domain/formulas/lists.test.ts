import { describe, expect, it } from "vitest";
import { run } from "./test-support.ts";
import { list, number, text, type FormulaValue } from "./values.ts";

const page = (id: string, title: string): FormulaValue => ({ type: "page", id, title });
const person = (id: string, name: string, email?: string): FormulaValue => ({
  type: "person",
  id,
  name,
  email,
});

describe("list functions", () => {
  it.each([
    ["at([1, 2, 3], 1)", 2],
    ["at([1, 2, 3], -1)", 3],
    ["at([1, 2, 3], 5)", null],
    ["first([1, 2, 3])", 1],
    ["last([1, 2, 3])", 3],
    ["first([])", null],
    ["slice([1, 2, 3], 1, 2)", [2]],
    ['slice(["a", "b", "c"], 1)', ["b", "c"]],
    ['concat(["a", "b"], ["c", "d"])', ["a", "b", "c", "d"]],
    ["sort([3, 1, 2])", [1, 2, 3]],
    ['sort(["b", "c", "a"])', ["a", "b", "c"]],
    ['["apple", "fig", "banana"].sort(current.length())', ["fig", "apple", "banana"]],
    ["[3, 1, 2].sort(-current)", [3, 2, 1]],
    ['reverse(["green", "eggs", "ham"])', ["ham", "eggs", "green"]],
    ['join(["a", "b", "c"], ", ")', "a, b, c"],
    ['join(["dog", "go"], "")', "doggo"],
    ['join("-", "a", "b")', "a-b"],
    ["unique([1, 1, 2])", [1, 2]],
    ['unique(["a", "b", "a", "A"])', ["a", "b", "A"]],
    ['includes(["a", "b", "c"], "b")', true],
    ["[1, 2].includes(3)", false],
    ['find(["a", "b", "c"], current == "b")', "b"],
    ["find([1, 2], current > 5)", null],
    ['findIndex(["a", "b", "c"], current == "b")', 1],
    ["findIndex([1, 2], current > 5)", -1],
    ["filter([1, 2, 3], current > 1)", [2, 3]],
    ['filter(["a", "b", "c"], current == "a")', ["a"]],
    ["some([1, 2, 3], current == 2)", true],
    ["every([1, 2, 3], current > 0)", true],
    ["every([], current > 0)", true],
    ["map([1, 2, 3], current + 1)", [2, 3, 4]],
    ["map([1, 2, 3], current + index)", [1, 3, 5]],
    ["[1, 2, 3].map(current * 2)", [2, 4, 6]],
    ["flat([1, 2, 3])", [1, 2, 3]],
    ["flat([[1, 2], [3, 4]])", [1, 2, 3, 4]],
    ["length([1, 2, 3])", 3],
    ["[[1, 2], [3]].map(current.map(current * 10))", [[10, 20], [30]]],
    [
      "[1, 2].map([10, 20].map(current + index))",
      [
        [10, 21],
        [10, 21],
      ],
    ],
    ["[1, 2, 3].filter(current > 1).map(current * current).sum()", 13],
    ["let(xs, [1, 2, 3], xs.map(current * xs.length()))", [3, 6, 9]],
    ["empty([])", true],
    ["[1] == [1]", true],
  ])("%s → %j", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it("maps a multi-select property", () => {
    expect(run('prop("Tags").map(current + "!")', { Tags: list([text("a"), text("b")]) })).toEqual([
      "a!",
      "b!",
    ]);
    expect(run('prop("Tags").length()', { Tags: list([text("a"), text("b")]) })).toBe(2);
    expect(run('prop("Tags").includes("Finance")', { Tags: list([text("Finance")]) })).toBe(true);
  });

  it("reads people", () => {
    const people = { Person: list([person("u1", "Ada", "ada@example.com"), person("u2", "Alan")]) };
    expect(run('prop("Person").at(0).name()', people)).toBe("Ada");
    expect(run('prop("Person").map(current.email())', people)).toEqual(["ada@example.com", null]);
    expect(run('prop("Person").map(name(current)).join(", ")', people)).toBe("Ada, Alan");
    expect(run('prop("Person")', people)).toEqual(["Ada", "Alan"]);
  });

  it("reads relations, and properties of related pages through pageProp", () => {
    const tasks = { Tasks: list([page("t1", "Write"), page("t2", "Ship")]) };
    const pageProp = (id: string, name: string): FormulaValue =>
      name === "Status" ? text(id === "t1" ? "Done" : "Open") : number(0);
    expect(run('prop("Tasks").length()', tasks)).toBe(2);
    expect(run('prop("Tasks").filter(current.prop("Status") != "Done")', tasks, { pageProp })).toEqual([
      "Ship",
    ]);
    expect(run('prop("Tasks").map(id(current))', tasks)).toEqual(["t1", "t2"]);
    expect(run('prop("Tasks").first().prop("Status")', tasks)).toBeNull();
    expect(run("id()")).toBe("page-1");
  });
});
