/**
 * ISO 8601 durations (`P1D`, `PT90M`, `P1Y2M3DT4H5M6.5S`, `P2W`, `-PT1H`) as the milliseconds they span
 * from a given instant. Years and months are calendar units in UTC, so `P1M` from 31 January lands on
 * 3 March in a leap-free year exactly as `Date` arithmetic does.
 */
const PATTERN =
  /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function durationMs(text: string, from: Date): number | undefined {
  const match = PATTERN.exec(text);
  if (!match || text.endsWith("P") || text.endsWith("T")) return undefined;
  const [, minus, years, months, weeks, days, hours, minutes, seconds] = match;
  const sign = minus ? -1 : 1;
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part.replace(",", ".")));
  const target = new Date(from.getTime());
  target.setUTCFullYear(target.getUTCFullYear() + sign * n(years), target.getUTCMonth() + sign * n(months));
  const fixed =
    ((n(weeks) * 7 + n(days)) * 24 * 3600 + n(hours) * 3600 + n(minutes) * 60 + n(seconds)) * 1000;
  return target.getTime() - from.getTime() + sign * fixed;
}
