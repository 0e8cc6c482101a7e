import { describe, expect, it } from "vitest";
import { run } from "./test-support.ts";
import { boolean, number } from "./values.ts";

describe("logic", () => {
  it.each([
    ["if(true, 1, 2)", 1],
    ["if(false, 1, 2)", 2],
    ['if(4 == 5, "Equal", "Unequal")', "Unequal"],
    ["ifs(true, 1, true, 2, 3)", 1],
    ["ifs(false, 1, false, 2, 3)", 3],
    ["ifs(false, 1, true, 2, 3)", 2],
    ["ifs(false, 1)", null],
    ["and(true, false)", false],
    ["or(true, false)", true],
    ["and(true, true, true)", true],
    ["not(true)", false],
    ["not true", false],
    ["true and false", false],
    ["true && false", false],
    ["true || false", true],
    ["empty(0)", true],
    ['empty("")', true],
    ["empty([])", true],
    ['empty("Word")', false],
    ["empty()", null],
    ["empty(empty())", true],
    ["if(true, empty(), 1)", null],
    ['"".empty()', true],
    ["equal(1, 1)", true],
    ["equal(2, 3)", false],
    ["unequal(1, 2)", true],
    ['let(person, "Alan", "Hello, " + person + "!")', "Hello, Alan!"],
    ["let(x, 2, x ^ 3)", 8],
    ['lets(a, "Hello", b, "world", a + " " + b)', "Hello world"],
    ["lets(base, 3, height, 8, base * height / 2)", 12],
    ["lets(a, 1, b, a + 1, a + b)", 3],
    ["let(x, 1, let(x, 2, x) + x)", 3],
  ])("%s → %j", (expression, expected) => {
    expect(run(expression)).toEqual(expected);
  });

  it("uses checkbox properties as conditions", () => {
    expect(run('prop("Checked") == true ? "Complete" : "Incomplete"', { Checked: boolean(true) })).toBe(
      "Complete",
    );
    expect(run('if(prop("Checked"), "Yes", "No")', { Checked: boolean(false) })).toBe("No");
    expect(run('if(prop("Missing"), "Yes", "No")')).toBe("No");
  });

  it("evaluates only the branch taken and short-circuits", () => {
    let reads = 0;
    const prop = (): ReturnType<typeof number> => {
      reads += 1;
      return number(1);
    };
    expect(run('if(true, 1, prop("X"))', {}, { prop })).toBe(1);
    expect(run('false and prop("X") == 1', {}, { prop })).toBe(false);
    expect(run('or(true, prop("X") == 1)', {}, { prop })).toBe(true);
    expect(reads).toBe(0);
  });
});
