// The tuning part's Chinese questions written in traditional characters,
// with Taiwan's phrases (軟體, 網路), as readers in Taiwan, Hong Kong and
// overseas type them: OpenCC's simplified → traditional tables
// (opencc-js). It measures what the script costs, not new phrasings, so it is
// tuning material like the part it is made from.

import { Converter } from 'opencc-js/cn2t';
import { EVAL_SET_TO_ROUND_12, type EvalCase } from './eval-set.js';

const toTaiwan = Converter({ from: 'cn', to: 'twp' });

/** Each case with a Han character, in traditional characters. */
export function inTraditional(cases: readonly EvalCase[]): EvalCase[] {
  return cases.filter((c) => /\p{Script=Han}/u.test(c.q)).map((c) => ({ ...c, q: toTaiwan(c.q) }));
}

export const TRADITIONAL_CASES: readonly EvalCase[] = inTraditional(EVAL_SET_TO_ROUND_12);
