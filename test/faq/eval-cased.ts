// The tuning part's English questions as some people type them: in Title
// Case, or in capitals (every other question). Capitals then mark every
// word, not names, and must not make "Price" an unknown name the answer
// lacks. Tuning material like the part it is made from.

import { EVAL_SET_TO_ROUND_12, type EvalCase } from './eval-set.js';

const titleCase = (q: string) => q.replace(/(?<![\p{L}\p{N}'’])\p{Ll}/gu, (c) => c.toUpperCase());

/** Each English case (no Han character), in Title Case or (every other one) in capitals. */
export function cased(cases: readonly EvalCase[]): EvalCase[] {
  return cases.filter((c) => !/\p{Script=Han}/u.test(c.q)).map((c, i) => ({ ...c, q: i % 2 === 0 ? titleCase(c.q) : c.q.toUpperCase() }));
}

export const CASED_CASES: readonly EvalCase[] = cased(EVAL_SET_TO_ROUND_12);
