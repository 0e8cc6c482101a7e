import { describe, expect, it } from "vitest";
import { compileFormula } from "./index.ts";
import { run } from "./test-support.ts";
import { boolean, list, number, text } from "./values.ts";

describe("math functions", () => {
  it.each([
    ["add(5, 10)", 15],
    ["5 + 10", 15],
    ['add("a", "b")', "ab"],
    ["subtract(5, 10)", -5],
    ["multiply(5, 10)", 50],
    ["divide(5, 10)", 0.5],
    ["mod(-5, 3)", -2],
    ["pow(5, 10)", 9765625],
    ["5 ^ 10", 9765625],
    ["min(1, 2, 3)", 1],
    ["min([1, 2, 3])", 1],
    ["max(1, 2, 3)", 3],
    ["max([1, 2], 5, [4])", 5],
    ["sum(1, 2, 3)", 6],
    ["sum([1, 2, 3], 4, 5)", 15],
    ["sum([])", 0],
    ["median(1, 2, 4)", 2],
    ["median([1, 2, 3], 4)", 2.5],
    ["mean(1, 2, 3)", 2],
    ["mean([1, 2, 3], 4, 5)", 3],
    ["abs(-10)", 10],
    ["round(0.4)", 0],
    ["round(-0.6)", -1],
    ["round(2.5)", 3],
    ["round(3.14159, 2)", 3.14],
    ["round(1.005, 2)", 1.01],
    ["round(1234, -2)", 1200],
    ["ceil(0.4)", 1],
    ["ceil(-0.6)", 0],
    ["floor(0.4)", 0],
    ["floor(-0.6)", -1],
    ["sqrt(4)", 2],
    ["sqrt(7)", 2.6457513110645907],
    ["cbrt(64)", 4],
    ["exp(2)", 7.38905609893065],
    ["ln(e())", 1],
    ["log10(100000)", 5],
    ["log2(1024)", 10],
    ["sign(-10)", -1],
    ["sign(10)", 1],
    ["pi()", Math.PI],
    ["e()", Math.E],
    ['toNumber("2")', 2],
    ['toNumber("42 apples")', 42],
    ['toNumber("apples")', null],
    ["toNumber(true)", 1],
    ["toNumber(false)", 0],
    ["toNumber(now())", 1693418100000],
    ["let(radius, 4, round(pi() * radius ^ 2))", 50],
    ["sqrt(-1)", null],
    ["0.1 + 0.2", 0.30000000000000004],
  ])("%s → %j", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it("multiplies number properties", () => {
    expect(run('prop("Price") * prop("Quantity")', { Price: number(2.5), Quantity: number(4) })).toBe(10);
  });

  it("gives the empty value when a number property is empty", () => {
    expect(run('prop("Price") * prop("Quantity")', { Price: number(2.5) })).toBeNull();
    expect(run('-prop("Price")')).toBeNull();
    expect(run('sum(prop("Scores"))', { Scores: list([number(1), { type: "empty" }, number(2)]) })).toBe(3);
  });

  it("turns a runtime type mismatch into the empty value in evaluate()", () => {
    const formula = compileFormula('prop("A") * 2');
    const env = { prop: () => text("x"), now: new Date(0), pageId: "p" };
    expect(formula.evaluate(env)).toEqual({ type: "empty" });
    expect(() => formula.evaluateStrict(env)).toThrow("Cannot multiply text and number.");
    expect(compileFormula('prop("A") * 2').evaluate({ ...env, prop: () => boolean(true) })).toEqual({
      type: "empty",
    });
  });
});
