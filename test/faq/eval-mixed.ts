// The tuning part's questions with their names written in the other
// language, as people in a bilingual team type them: "how much did 阿里巴巴
// cut 通义千问 prices", "Qwen 降了多少". The question is still asked in its own
// language, so the answer must come from the same section. Names come from
// the lexicon's [name] groups (knowledge/lexicon.txt): each phrase is
// replaced by its group's first phrase in the other script. Tuning material
// like the part it is made from.

import { readFileSync } from 'node:fs';
import { Lexicon } from '../../src/faq/lexicon.js';
import { EVAL_SET_TO_ROUND_12, type EvalCase } from './eval-set.js';

const HAN = /\p{Script=Han}/u;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Swap {
  readonly from: RegExp;
  readonly to: string;
}

/** For each name phrase, longest first, the pattern that finds it and its first phrase in the other script. */
function nameSwaps(lexicon: Lexicon): { toChinese: Swap[]; toLatin: Swap[] } {
  const toChinese: { phrase: string; to: string }[] = [];
  const toLatin: { phrase: string; to: string }[] = [];
  for (const g of lexicon.groups) {
    if (g.kind !== 'name') continue;
    const zh = g.phrases.find((p) => HAN.test(p));
    const en = g.phrases.find((p) => !HAN.test(p));
    if (zh === undefined || en === undefined) continue;
    for (const p of g.phrases) (HAN.test(p) ? toLatin : toChinese).push({ phrase: p, to: HAN.test(p) ? en : zh });
  }
  const compile = (list: typeof toChinese, latin: boolean): Swap[] =>
    list
      .sort((a, b) => b.phrase.length - a.phrase.length)
      .map(({ phrase, to }) => ({ from: new RegExp(latin ? `(?<![\\p{L}\\p{N}])${escape(phrase)}(?![\\p{L}\\p{N}])` : escape(phrase), latin ? 'iu' : 'u'), to }));
  return { toChinese: compile(toChinese, true), toLatin: compile(toLatin, false) };
}

/** The cases that name something the lexicon knows, with the names swapped to the other script (others are left out). */
export function mixed(cases: readonly EvalCase[], lexicon: Lexicon): EvalCase[] {
  const { toChinese, toLatin } = nameSwaps(lexicon);
  const out: EvalCase[] = [];
  for (const c of cases) {
    const chinese = HAN.test(c.q);
    let q = c.q;
    // A placeholder per swap, so that a name put in is never swapped back.
    const put: string[] = [];
    for (const s of chinese ? toLatin : toChinese) {
      while (s.from.test(q)) {
        q = q.replace(s.from, `\u0000${put.length}\u0000`);
        put.push(chinese ? ` ${s.to} ` : s.to);
      }
    }
    if (put.length === 0) continue;
    q = q.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => put[Number(i)]!).replace(/\s+/g, ' ').trim();
    out.push({ ...c, q });
  }
  return out;
}

export const MIXED_CASES: readonly EvalCase[] = mixed(EVAL_SET_TO_ROUND_12, Lexicon.parse(readFileSync(new URL('../../knowledge/lexicon.txt', import.meta.url), 'utf8')));
