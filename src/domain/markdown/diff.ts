/**
 * Pairs the top-level blocks of a page's new markdown with its current ones: for each new segment, the
 * index of an identical current segment it keeps (in order, each used once), or null for a new block.
 * Kept blocks keep their ids, children, comments and child pages; only what changed is rewritten.
 */
export function matchSegments(current: string[], next: string[]): Array<number | null> {
  const result: Array<number | null> = next.map(() => null);
  let head = 0;
  while (head < current.length && head < next.length && current[head] === next[head]) {
    result[head] = head;
    head++;
  }
  let tail = 0;
  while (
    tail < current.length - head &&
    tail < next.length - head &&
    current[current.length - 1 - tail] === next[next.length - 1 - tail]
  ) {
    result[next.length - 1 - tail] = current.length - 1 - tail;
    tail++;
  }
  const a = current.slice(head, current.length - tail);
  const b = next.slice(head, next.length - tail);
  const pairs = a.length * b.length <= 4_000_000 ? lcs(a, b) : greedy(a, b);
  for (const [i, j] of pairs) result[head + j] = head + i;
  return result;
}

function lcs(a: string[], b: string[]): Array<[number, number]> {
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? (table[(i + 1) * width + j + 1] as number) + 1
          : Math.max(table[(i + 1) * width + j] as number, table[i * width + j + 1] as number);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) i++;
    else j++;
  }
  return pairs;
}

/** For very long pages: in-order first matches, without the quadratic table. */
function greedy(a: string[], b: string[]): Array<[number, number]> {
  const positions = new Map<string, number[]>();
  a.forEach((segment, i) => positions.set(segment, [...(positions.get(segment) ?? []), i]));
  const pairs: Array<[number, number]> = [];
  let floor = -1;
  b.forEach((segment, j) => {
    const candidates = positions.get(segment) ?? [];
    const i = candidates.find((c) => c > floor);
    if (i !== undefined) {
      pairs.push([i, j]);
      floor = i;
    }
  });
  return pairs;
}
