import { describe, expect, it } from "vitest";
import { keyBetween, keysBetween } from "./sort-keys.ts";

function shuffleInserts(count: number, seed: number): string[] {
  const keys: string[] = [];
  let state = seed;
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const at = keys.length === 0 ? 0 : state % (keys.length + 1);
    keys.splice(at, 0, keyBetween(keys[at - 1] ?? null, keys[at] ?? null));
  }
  return keys;
}

describe("keyBetween", () => {
  it("starts in the middle and orders appends and prepends", () => {
    const first = keyBetween(null, null);
    const after = keyBetween(first, null);
    const before = keyBetween(null, first);
    expect([before, first, after]).toEqual([before, first, after].sort());
    expect(new Set([before, first, after]).size).toBe(3);
  });

  it("keeps 10,000 appended keys short and ordered", () => {
    const keys = keysBetween(null, null, 10_000);
    expect([...keys].sort()).toEqual(keys);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(4);
  });

  it("keeps 2,000 prepended keys ordered", () => {
    const keys: string[] = [];
    for (let i = 0; i < 2000; i++) keys.unshift(keyBetween(null, keys[0] ?? null));
    expect([...keys].sort()).toEqual(keys);
  });

  it("orders keys inserted at random positions", () => {
    const keys = shuffleInserts(3000, 7);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("bisects repeatedly between two neighbours", () => {
    let lo = keyBetween(null, null);
    const hi = keyBetween(lo, null);
    for (let i = 0; i < 200; i++) {
      const mid = keyBetween(lo, hi);
      expect(lo < mid && mid < hi).toBe(true);
      lo = mid;
    }
  });

  it("rejects neighbours out of order", () => {
    expect(() => keyBetween("a1", "a0")).toThrow(RangeError);
  });
});
