// The tuning part's Chinese questions as a pinyin keyboard slips: one
// character of one word replaced by another of the same sound (大默型 for
// 大模型, 腾训 for 腾讯), drawn from the characters the knowledge base's
// Chinese documents use (the common ones a keyboard offers first). Made by
// a seeded generator, so it is the same on every run. Tuning material like
// the part it is made from.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { tokenize } from '../../src/text/index.js';
import { EVAL_SET_TO_ROUND_12, type EvalCase } from './eval-set.js';

const usual = (c: string) => pinyin(c, { toneType: 'none', type: 'array' })[0] ?? '';

/** The knowledge base's Chinese characters by their usual toneless reading, each list in a fixed order. */
function charactersBySound(dir = 'knowledge'): Map<string, string[]> {
  const chars = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.zh.md')).sort()) for (const c of readFileSync(join(dir, f), 'utf8').match(/\p{Script=Han}/gu) ?? []) chars.add(c);
  const out = new Map<string, string[]>();
  for (const c of [...chars].sort()) {
    const list = out.get(usual(c));
    if (list === undefined) out.set(usual(c), [c]);
    else list.push(c);
  }
  return out;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Each case with a Chinese word of two characters or more, with one character of one such word replaced by a homophone. */
export function withHomophones(cases: readonly EvalCase[], seed = 7): EvalCase[] {
  const bySound = charactersBySound();
  const random = seeded(seed);
  return cases.flatMap((c) => {
    const slips: { word: string; at: number; others: string[] }[] = [];
    for (const word of tokenize(c.q).filter((w) => /^\p{Script=Han}{2,}$/u.test(w))) {
      [...word].forEach((ch, at) => {
        const others = (bySound.get(usual(ch)) ?? []).filter((x) => x !== ch);
        if (others.length > 0) slips.push({ word, at, others });
      });
    }
    if (slips.length === 0) return [];
    const slip = slips[Math.floor(random() * slips.length)]!;
    const chars = [...slip.word];
    chars[slip.at] = slip.others[Math.floor(random() * slip.others.length)]!;
    return [{ ...c, q: c.q.replace(slip.word, chars.join('')) }];
  });
}

export const HOMOPHONE_CASES: readonly EvalCase[] = withHomophones(EVAL_SET_TO_ROUND_12);
