/**
 * Levenshtein distance, for "did you mean" suggestions (unknown options in the
 * core binder, unknown commands, model and provider names in /pricewar).
 *
 * A file of its own, importing nothing, on purpose: the core may use it
 * without pulling in `src/text/index.ts` and its jieba dictionary.
 */

/** Insertions, deletions and substitutions (each costing 1) turning `a` into `b`; one row of the table, O(|b|) memory. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const temp = row[j] as number;
      row[j] = Math.min((row[j] as number) + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = temp;
    }
  }
  return row[b.length] as number;
}

/**
 * Like editDistance, but two neighbouring letters typed the wrong way round
 * ("pirces", "kersa") cost 1, not 2: the most common typo (optimal string
 * alignment distance).
 */
export function typoDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}
