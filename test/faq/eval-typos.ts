// The tuning part again, each question with one typo: what people type in
// chat ("pirces", "kersa例子", "inferene"). Made by a seeded generator, so
// the part is the same on every run and follows the tuning part as it
// grows; it measures how much a slip costs, not new phrasings, so it is
// tuning material like the part it is made from.
//
// One word of four Latin letters or more per question (not its first
// letter, which people rarely miss) gets one of the four common slips: a
// letter dropped, two neighbours swapped, a letter doubled, or a key next to
// it on the keyboard. Questions without such a word are left out.

import { EVAL_SET_TO_ROUND_12, type EvalCase } from './eval-set.js';

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** A small linear congruential generator: the same slips on every run and machine. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Words too plain to carry the question: a slip in them says nothing about reading typos. */
const PLAIN = new Set(['what', 'which', 'where', 'when', 'there', 'their', 'about', 'would', 'could', 'should', 'these', 'those', 'does', 'doesnt', 'dont', 'with', 'that', 'this', 'from', 'have', 'they', 'whats']);

function neighbourKey(c: string, random: () => number): string {
  for (const row of KEYBOARD_ROWS) {
    const i = row.indexOf(c);
    if (i < 0) continue;
    const options = [row[i - 1], row[i + 1]].filter((x): x is string => x !== undefined);
    return options[Math.floor(random() * options.length)]!;
  }
  return c;
}

/** `word` with one slip after its first letter. */
export function slip(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 1));
  const kind = Math.floor(random() * 4);
  if (kind === 0 || (kind === 1 && i === word.length - 1)) return word.slice(0, i) + word.slice(i + 1);
  // Swapping two equal letters ("deepseek") changes nothing: drop one instead.
  if (kind === 1) return word[i] === word[i + 1] ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (kind === 2) return word.slice(0, i) + word[i] + word.slice(i);
  const lower = word[i]!.toLowerCase();
  const key = neighbourKey(lower, random);
  return word.slice(0, i) + (word[i] === lower ? key : key.toUpperCase()) + word.slice(i + 1);
}

/** Each case whose question has a Latin word of four letters or more, with one slip in one such word. */
export function withTypos(cases: readonly EvalCase[], seed = 12345): EvalCase[] {
  const random = seeded(seed);
  return cases.flatMap((c) => {
    const words = [...c.q.matchAll(/(?<![A-Za-z0-9])[A-Za-z]{4,}(?![A-Za-z0-9])/g)].filter((m) => !PLAIN.has(m[0].toLowerCase()));
    if (words.length === 0) return [];
    const m = words[Math.floor(random() * words.length)]!;
    const q = c.q.slice(0, m.index) + slip(m[0], random) + c.q.slice(m.index! + m[0].length);
    return [{ ...c, q }];
  });
}

export const TYPO_CASES: readonly EvalCase[] = withTypos(EVAL_SET_TO_ROUND_12);
