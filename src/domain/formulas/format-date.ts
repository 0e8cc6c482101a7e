import { offsetMs } from "../time-zones.ts";
import { dayOfYear, isoWeek, localeWeek, weekdayClock, type WeekdayClock } from "./time.ts";

/**
 * `formatDate(date, pattern)`: Notion documents its patterns as moment.js format tokens ("MMMM D, Y",
 * "MM/DD/YYYY", "HH:mm A"), in the US English locale. Text in [brackets] is copied verbatim.
 */

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

// moment's en locale long-date formats.
const LONG_FORMATS: Record<string, string> = {
  LTS: "h:mm:ss A",
  LT: "h:mm A",
  L: "MM/DD/YYYY",
  LL: "MMMM D, YYYY",
  LLL: "MMMM D, YYYY h:mm A",
  LLLL: "dddd, MMMM D, YYYY h:mm A",
  l: "M/D/YYYY",
  ll: "MMM D, YYYY",
  lll: "MMM D, YYYY h:mm A",
  llll: "ddd, MMM D, YYYY h:mm A",
};

const LONG_TOKEN = /\[[^\]]*]|LTS|LT|LLLL|LLL|LL|L|llll|lll|ll|l/g;

// Alternatives are ordered longest first within each letter, as moment's tokenizer is.
const TOKEN =
  /\[([^\]]*)]|YYYYYY|YYYY|YY|Y|Qo|Q|MMMM|MMM|Mo|MM|M|DDDD|DDDo|DDD|Do|DD|D|dddd|ddd|do|dd|d|E|e|Wo|WW|W|wo|ww|w|GGGG|GG|gggg|gg|HH|H|hh|h|kk|k|mm|m|ss|s|S{1,9}|A|a|ZZ|Z|X|x/g;

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${suffix}`;
}

const pad = (n: number, width: number): string => {
  const text = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${text}` : text;
};

function zone(offset: number, separator: string): string {
  const minutes = Math.round(offset / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

function token(t: string, c: WeekdayClock, ms: number, timeZone: string): string {
  const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
  const isoWeekday = c.weekday === 0 ? 7 : c.weekday;
  const quarter = Math.ceil(c.month / 3);
  switch (t) {
    case "YYYYYY":
      return (c.year < 0 ? "-" : "+") + pad(Math.abs(c.year), 6);
    case "YYYY":
      return pad(c.year, 4);
    case "YY":
      return pad(c.year % 100, 2);
    case "Y":
      return String(c.year);
    case "Q":
      return String(quarter);
    case "Qo":
      return ordinal(quarter);
    case "MMMM":
      return MONTHS[c.month - 1] ?? "";
    case "MMM":
      return (MONTHS[c.month - 1] ?? "").slice(0, 3);
    case "MM":
      return pad(c.month, 2);
    case "Mo":
      return ordinal(c.month);
    case "M":
      return String(c.month);
    case "DDDD":
      return pad(dayOfYear(c), 3);
    case "DDDo":
      return ordinal(dayOfYear(c));
    case "DDD":
      return String(dayOfYear(c));
    case "DD":
      return pad(c.day, 2);
    case "Do":
      return ordinal(c.day);
    case "D":
      return String(c.day);
    case "dddd":
      return WEEKDAYS[c.weekday] ?? "";
    case "ddd":
      return (WEEKDAYS[c.weekday] ?? "").slice(0, 3);
    case "dd":
      return (WEEKDAYS[c.weekday] ?? "").slice(0, 2);
    case "do":
      return ordinal(c.weekday);
    case "d":
    case "e":
      return String(c.weekday);
    case "E":
      return String(isoWeekday);
    case "W":
      return String(isoWeek(c).week);
    case "WW":
      return pad(isoWeek(c).week, 2);
    case "Wo":
      return ordinal(isoWeek(c).week);
    case "w":
      return String(localeWeek(c).week);
    case "ww":
      return pad(localeWeek(c).week, 2);
    case "wo":
      return ordinal(localeWeek(c).week);
    case "GGGG":
      return pad(isoWeek(c).year, 4);
    case "GG":
      return pad(isoWeek(c).year % 100, 2);
    case "gggg":
      return pad(localeWeek(c).year, 4);
    case "gg":
      return pad(localeWeek(c).year % 100, 2);
    case "HH":
      return pad(c.hour, 2);
    case "H":
      return String(c.hour);
    case "hh":
      return pad(hour12, 2);
    case "h":
      return String(hour12);
    case "kk":
      return pad(c.hour === 0 ? 24 : c.hour, 2);
    case "k":
      return String(c.hour === 0 ? 24 : c.hour);
    case "mm":
      return pad(c.minute, 2);
    case "m":
      return String(c.minute);
    case "ss":
      return pad(c.second, 2);
    case "s":
      return String(c.second);
    case "A":
      return c.hour < 12 ? "AM" : "PM";
    case "a":
      return c.hour < 12 ? "am" : "pm";
    case "Z":
      return zone(offsetMs(ms, timeZone), ":");
    case "ZZ":
      return zone(offsetMs(ms, timeZone), "");
    case "X":
      return String(Math.floor(ms / 1000));
    case "x":
      return String(ms);
    default:
      // Fractional seconds: S, SS, SSS … (digits beyond milliseconds are zero).
      return pad(c.millisecond, 3).padEnd(t.length, "0").slice(0, t.length);
  }
}

export function formatDate(ms: number, pattern: string, timeZone: string): string {
  const expanded = pattern.replace(LONG_TOKEN, (match) => LONG_FORMATS[match] ?? match);
  const clock = weekdayClock(ms, timeZone);
  return expanded.replace(TOKEN, (match, literal: string | undefined) =>
    literal !== undefined ? literal : token(match, clock, ms, timeZone),
  );
}
