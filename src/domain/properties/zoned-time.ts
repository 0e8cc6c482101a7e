import { instantOf } from "../time-zones.ts";

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * Epoch milliseconds of a Notion date string. Strings with an offset are absolute; a date or date-time
 * without one is wall time in `timeZone`, or UTC when there is none ("missing timezone ⇒ UTC",
 * D:reference/filter-data-source-entries). Returns undefined for text that isn't an ISO date.
 */
export function dateToEpoch(text: string, timeZone: string | null): number | undefined {
  const wall = WALL.exec(text);
  if (!wall) {
    if (!OFFSET.test(text)) return undefined;
    // V8 parses "+05:30" but not "+0530".
    const normalized = text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
    const epoch = Date.parse(normalized);
    return Number.isNaN(epoch) ? undefined : epoch;
  }
  const [, y, mo, d, h, mi, s, frac] = wall;
  const clock = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0,
  };
  const local = instantOf(clock, "UTC");
  if (Number.isNaN(local)) return undefined;
  if (!timeZone) return local;
  try {
    return instantOf(clock, timeZone);
  } catch {
    // An unknown zone reads as UTC.
    return local;
  }
}
