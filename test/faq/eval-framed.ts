// The tuning part's questions as they arrive in a chat: with a greeting,
// thanks or a form of address around them ("hey, quick question: …",
// "大佬们，…谢谢！"). What is around a question says nothing about its topic,
// so the answer must be the same. Each question gets one frame of its
// language, in turn. Tuning material like the part it is made from.

import { EVAL_SET_TO_ROUND_12, type EvalCase } from './eval-set.js';

const ENGLISH: readonly ((q: string) => string)[] = [
  (q) => `hey, quick question: ${q}`,
  (q) => `${q}? thanks!`,
  (q) => `i was wondering, ${q}`,
  (q) => `hi all, ${q}`,
  (q) => `${q} - thanks guys`,
];

const CHINESE: readonly ((q: string) => string)[] = [
  (q) => `请问一下，${q}`,
  (q) => `${q}？谢谢！`,
  (q) => `我想问下${q}`,
  (q) => `大佬们，${q}`,
  (q) => `各位好，${q}，多谢`,
];

/** Each case inside one frame of its language, the frames taken in turn. */
export function framed(cases: readonly EvalCase[]): EvalCase[] {
  let en = 0;
  let zh = 0;
  return cases.map((c) => {
    const q = c.q.replace(/[?？!！。.]+$/u, '');
    const frame = /\p{Script=Han}/u.test(c.q) ? CHINESE[zh++ % CHINESE.length]! : ENGLISH[en++ % ENGLISH.length]!;
    return { ...c, q: frame(q) };
  });
}

export const FRAMED_CASES: readonly EvalCase[] = framed(EVAL_SET_TO_ROUND_12);
