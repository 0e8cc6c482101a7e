import { describe, expect, it } from "vitest";
import { compileFormula } from "./index.ts";
import { formulaError } from "./test-support.ts";

const compileError = (expression: string, properties?: Record<string, "number" | "text" | "date">): string =>
  formulaError(() => compileFormula(expression, properties === undefined ? {} : { properties }));

describe("compile-time errors", () => {
  it.each([
    ["foo(1)", 'Unknown function "foo".'],
    ['"abc".trim()', 'Unknown function "trim".'],
    ["x + 1", 'Unknown variable "x".'],
    ["pi * 2", "pi is a function: write pi()."],
    ["current + 1", "current can only be used inside a list function such as map() or filter()."],
    ["round()", "round() takes 1 to 2 arguments, but got 0."],
    ["abs(1, 2)", "abs() takes 1 argument, but got 2."],
    ['"a".upper(1)', "upper() takes 1 argument, but got 2 (counting the value before the dot)."],
    ["if(true, 1)", "if() takes 3 arguments, but got 2."],
    ["1 + true", "Cannot add number and boolean."],
    ['"a" * 2', "Cannot multiply text and number."],
    ["[1] + 1", "Cannot add list of number and number."],
    ['1 == "1"', "Cannot compare number and text with ==."],
    ['1 < "a"', "Cannot compare number and text with <."],
    ["1 and true", "Cannot use and with number; it needs booleans."],
    ["if(1, 2, 3)", "The condition of if() must be a boolean, but got number."],
    ["not 5", "The operand of not must be a boolean, but got number."],
    ['-"a"', "Cannot negate text."],
    ['abs("a")', "Argument 1 of abs() must be a number, but got text."],
    ['"abc".abs()', "The value of abs() must be a number, but got text."],
    ['dateAdd("2023-01-01", 1, "days")', "Argument 1 of dateAdd() must be a date, but got text."],
    [
      'dateAdd(now(), 1, "fortnights")',
      'Invalid unit "fortnights" for dateAdd(). Use "years", "quarters", "months", "weeks", "days", "hours" or "minutes".',
    ],
    ['test("a", "(")', 'Invalid regular expression: "(".'],
    ["[1, 2].filter(current * 2)", "Argument 2 of filter() must be a boolean, but got number."],
    ["map(1, current)", "Argument 1 of map() must be a list, but got number."],
    ["prop(1)", 'prop() takes a property name in double quotes, such as prop("Name").'],
    ["let(1, 2, 3)", "let() needs a variable name, such as let(x, 1, x + 1)."],
    ["let(current, 2, 3)", '"current" cannot be used as a variable name.'],
    ["lets(a, 1, b, 2)", "lets() takes pairs of a name and a value, then an expression, but got 4."],
    ['name("Ada")', "Argument 1 of name() must be a person, but got text."],
  ])("%s → %s", (expression, message) => {
    expect(compileError(expression)).toBe(message);
  });

  it("checks property names and types against a schema", () => {
    const schema = { Price: "number", Title: "text", Due: "date" } as const;
    expect(compileError('prop("Missing")', schema)).toBe('Property "Missing" does not exist.');
    expect(compileError('prop("Title") * 2', schema)).toBe("Cannot multiply text and number.");
    expect(compileError('prop("Due").dateAdd(1, "days") + 1', schema)).toBe("Cannot add date and number.");
    expect(compileFormula('prop("Price") * 2', { properties: schema }).resultType).toBe("number");
  });

  it("points at the offending call", () => {
    try {
      compileFormula("1 + foo()");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ name: "FormulaError", position: 4 });
    }
  });
});

describe("compiled formula", () => {
  it("lists the properties it depends on, once each, in order", () => {
    const formula = compileFormula('prop("B") + prop("A") * prop("B")');
    expect(formula.dependencies).toEqual(["B", "A"]);
    expect(formula.expression).toBe('prop("B") + prop("A") * prop("B")');
  });

  it("infers result types", () => {
    expect(compileFormula('"a" + prop("X")').resultType).toBe("text");
    expect(compileFormula("now()").resultType).toBe("date");
    expect(compileFormula("[1, 2].map(current > 1)").resultType).toEqual({ list: "boolean" });
    expect(compileFormula('if(true, 1, "a")').resultType).toBe("any");
    expect(compileFormula('prop("X")').resultType).toBe("any");
  });
});
