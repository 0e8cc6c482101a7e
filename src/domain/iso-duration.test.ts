import { describe, expect, it } from "vitest";
import { durationMs } from "./iso-duration.ts";

const from = new Date("2024-01-31T12:00:00Z");

describe("durationMs", () => {
  it("reads fixed units", () => {
    expect(durationMs("PT1H", from)).toBe(3_600_000);
    expect(durationMs("PT90M", from)).toBe(5_400_000);
    expect(durationMs("PT1.5S", from)).toBe(1500);
    expect(durationMs("P1DT2H", from)).toBe(26 * 3_600_000);
    expect(durationMs("P2W", from)).toBe(14 * 86_400_000);
  });

  it("reads years and months on the calendar", () => {
    expect(durationMs("P1M", from)).toBe(Date.parse("2024-03-02T12:00:00Z") - from.getTime());
    expect(durationMs("P1Y", from)).toBe(366 * 86_400_000);
  });

  it("goes back with a minus sign", () => {
    expect(durationMs("-P1D", from)).toBe(-86_400_000);
  });

  it("rejects what is not a duration", () => {
    for (const text of ["P", "PT", "1D", "P1H", "PT1D", "soon", ""])
      expect(durationMs(text, from)).toBeUndefined();
  });
});
