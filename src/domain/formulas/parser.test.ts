import { describe, expect, it } from "vitest";
import { FormulaError } from "./errors.ts";
import { tokenize } from "./lexer.ts";
import { parseFormula } from "./parser.ts";
import { formulaError, run } from "./test-support.ts";

describe("lexer", () => {
  it("reads numbers with decimals and exponents", () => {
    expect(tokenize("1 2.5 .5 1e3 2.5E-2").map((t) => t.text)).toEqual([
      "1",
      "2.5",
      ".5",
      "1e3",
      "2.5E-2",
      "",
    ]);
  });

  it("decodes string escapes and keeps regex backslashes", () => {
    expect(tokenize(String.raw`"a\"b\\c\n\d\u0041"`)[0]?.text).toBe('a"b\\c\n\\dA');
  });

  it("skips block comments", () => {
    expect(run("1 /* one */ + /* two */ 2")).toBe(3);
  });

  it("treats a dot after an integer as a method call", () => {
    expect(run("10.abs()")).toBe(10);
    expect(run("(-10).abs()")).toBe(10);
  });
});

describe("operators and precedence", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["10 - 4 - 3", 3],
    ["12 / 3 / 2", 2],
    ["2 ^ 3 ^ 2", 512],
    ["-2 ^ 2", -4],
    ["2 ^ -1", 0.5],
    ["(-2) ^ 2", 4],
    ["7 % 3", 1],
    ["-5 % 3", -2],
    ["2 * 3 ^ 2", 18],
    ["1 + 2 == 3", true],
    ["1 < 2 == true", true],
    ["3 > 2 and 2 > 1", true],
    ["true or false and false", true],
    ["not true or true", true],
    ["!false && true", true],
    ["false || !false", true],
    ["1 != 2", true],
    ["2 >= 2 && 2 <= 2", true],
    ['"Notion" == "Motion"', false],
    ["123 == 123", true],
    ["true ? 1 : 2", 1],
    ["false ? 1 : true ? 2 : 3", 2],
    ['1 > 2 ? "big" : "small"', "small"],
    ["1 !== 2", true],
  ])("%s → %j", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it("parses method chains left to right", () => {
    expect(run('"a-b-c".split("-").reverse().join("")')).toBe("cba");
  });

  it("parses list literals, nested and empty", () => {
    expect(run("[1, [2, 3], []]")).toEqual([1, [2, 3], []]);
  });

  it("builds method calls as calls with the receiver first", () => {
    expect(parseFormula('"abc".length()')).toMatchObject({
      kind: "call",
      name: "length",
      method: true,
      args: [{ kind: "text", value: "abc" }],
    });
  });
});

describe("syntax errors", () => {
  it.each([
    ["", "Formula is empty."],
    ["1 +", "Unexpected end of formula."],
    ["(1 + 2", 'Expected ")" but the formula ended.'],
    ['"abc', "Unterminated string."],
    ["1 # 2", 'Unexpected character "#".'],
    ["1 2", 'Unexpected "2".'],
    ['"a".length', 'Expected "(" after ".length".'],
    ["12abc", 'Invalid number "12a".'],
    ["/* open", "Unterminated comment."],
  ])("%j fails with %j", (expression, message) => {
    expect(formulaError(() => parseFormula(expression))).toBe(message);
  });

  it("reports where the error is", () => {
    try {
      parseFormula("1 + )");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).position).toBe(4);
    }
  });

  it("refuses absurd nesting instead of overflowing the stack", () => {
    expect(() => parseFormula("(".repeat(5000) + "1" + ")".repeat(5000))).toThrow(/nested too deeply/);
    expect(() => parseFormula("-".repeat(5000) + "1")).toThrow(/nested too deeply/);
  });
});
