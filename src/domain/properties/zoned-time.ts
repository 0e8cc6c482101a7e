const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Milliseconds the zone is ahead of UTC at `epoch`. */
function offsetAt(epoch: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(epoch)))
    parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - (epoch - (((epoch % 1000) + 1000) % 1000));
}

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
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  const local = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    ms,
  );
  if (Number.isNaN(local)) return undefined;
  if (!timeZone) return local;
  try {
    // Two passes settle wall times next to a DST change on the offset in force at the result.
    const guess = local - offsetAt(local, timeZone);
    return local - offsetAt(guess, timeZone);
  } catch {
    return local;
  }
}
