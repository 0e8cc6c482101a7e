/**
 * Order keys for siblings: any position gets a key between its neighbours, so an insert never rewrites
 * other rows. A key is an "integer" part whose first character encodes its length ('a' = one digit,
 * 'b' = two, …; 'Z', 'Y', … the same for negatives) followed by an optional fraction. Appends increment
 * the integer part, so a list of n appended blocks has keys of O(log n) length; inserts between two
 * neighbours bisect the fraction. Keys compare correctly as plain byte strings.
 */
const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE = DIGITS.length;
const ZERO = "a0";
const SMALLEST_INTEGER = "A" + "0".repeat(26);

function digit(i: number): string {
  const d = DIGITS[i];
  if (d === undefined) throw new RangeError(`sort key digit ${i}`);
  return d;
}

function value(ch: string): number {
  return DIGITS.indexOf(ch);
}

function integerLength(head: string): number {
  if (head >= "a" && head <= "z") return head.charCodeAt(0) - 96 + 1;
  if (head >= "A" && head <= "Z") return 90 - head.charCodeAt(0) + 2;
  throw new RangeError(`invalid sort key head ${head}`);
}

function integerPart(key: string): string {
  return key.slice(0, integerLength(key[0] ?? ""));
}

/** The fraction strictly between a and b (b null = 1), both digit strings without trailing zeros. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? "0") === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const lo = a ? value(a[0] ?? "0") : 0;
  const hi = b !== null ? value(b[0] ?? "0") : BASE;
  if (hi - lo > 1) return digit(Math.round((lo + hi) / 2));
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return digit(lo) + midpoint(a.slice(1), null);
}

function increment(integer: string): string | null {
  const head = integer[0] ?? "a";
  const digits = integer.slice(1).split("");
  for (let i = digits.length - 1; i >= 0; i--) {
    const next = value(digits[i] ?? "0") + 1;
    if (next < BASE) {
      digits[i] = digit(next);
      return head + digits.join("");
    }
    digits[i] = "0";
  }
  if (head === "Z") return ZERO;
  if (head === "z") return null;
  const nextHead = String.fromCharCode(head.charCodeAt(0) + 1);
  return head >= "a" ? nextHead + digits.join("") + "0" : nextHead + digits.slice(1).join("");
}

function decrement(integer: string): string | null {
  const head = integer[0] ?? "a";
  const digits = integer.slice(1).split("");
  for (let i = digits.length - 1; i >= 0; i--) {
    const next = value(digits[i] ?? "0") - 1;
    if (next >= 0) {
      digits[i] = digit(next);
      return head + digits.join("");
    }
    digits[i] = digit(BASE - 1);
  }
  if (head === "a") return "Z" + digit(BASE - 1);
  if (head === "A") return null;
  const prevHead = String.fromCharCode(head.charCodeAt(0) - 1);
  return head >= "a" ? prevHead + digits.slice(1).join("") : prevHead + digits.join("") + digit(BASE - 1);
}

/** A key strictly between `a` and `b`; null means "no neighbour on that side". */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && b !== null && a >= b) throw new RangeError(`${a} >= ${b}`);
  if (a === null && b === null) return ZERO;
  if (a === null) {
    const ib = integerPart(b as string);
    const fb = (b as string).slice(ib.length);
    if (ib === SMALLEST_INTEGER) return ib + midpoint("", fb);
    if (fb) return ib;
    return decrement(ib) ?? ib + midpoint("", fb);
  }
  const ia = integerPart(a);
  const fa = a.slice(ia.length);
  if (b === null) return increment(ia) ?? ia + midpoint(fa, null);
  const ib = integerPart(b);
  if (ia === ib) return ia + midpoint(fa, b.slice(ib.length));
  const next = increment(ia);
  return next !== null && next < b ? next : ia + midpoint(fa, null);
}

/** `count` ascending keys between `a` and `b`. */
export function keysBetween(a: string | null, b: string | null, count: number): string[] {
  const keys: string[] = [];
  let previous = a;
  for (let i = 0; i < count; i++) {
    previous = b === null ? keyBetween(previous, null) : keyBetween(previous, b);
    keys.push(previous);
  }
  return keys;
}
