// The language a question is asked in, and its names written in that
// language. People in a bilingual team mix scripts for names: "how much did
// 阿里巴巴 cut 通义千问 prices", "Jia Yangqing 后来去了哪家公司". The frame of
// the question says its language; the names, read as the documents of that
// language write them, find the same sections as the question typed in one
// script (the other script's words match nothing there: "jia" and "yangqing"
// are in no Chinese page, which write 贾扬清).

import { detectLang } from '../text/index.js';
import type { Lexicon } from './lexicon.js';
import type { Lang } from './types.js';

const HAN = /\p{Script=Han}/u;

/**
 * The language a question is asked in, judged without the lexicon's names:
 * "how much did 阿里巴巴 cut 通义千问-long" is asked in English, "Doubao 定价"
 * in Chinese, whatever the script of the names they mention.
 */
export function questionLang(question: string, lexicon: Lexicon): Lang {
  const text = question.normalize('NFKC');
  let frame = '';
  let at = 0;
  for (const m of lexicon.match(text)) {
    if (lexicon.kindOf(m.concept) !== 'name') continue;
    frame += `${text.slice(at, m.start)} `;
    at = m.end;
  }
  frame += text.slice(at);
  return detectLang(/\p{L}/u.test(frame) ? frame : text);
}

/**
 * `question` with each lexicon name written in the other script replaced by
 * its group's first phrase in the script of `lang` (where the group has one),
 * unless the documents of that language write it as asked (Chinese pages
 * write DeepSeek): "Jia Yangqing 后来去了哪家公司" → "贾扬清 后来去了哪家公司".
 */
export function namesWrittenIn(question: string, lang: Lang, lexicon: Lexicon, writtenAsAsked: (phrase: string) => boolean): string {
  const text = question.normalize('NFKC');
  const wantHan = lang === 'zh';
  let out = '';
  let at = 0;
  for (const m of lexicon.match(text)) {
    const written = text.slice(m.start, m.end);
    if (lexicon.kindOf(m.concept) !== 'name' || HAN.test(written) === wantHan || writtenAsAsked(written)) continue;
    const own = lexicon.phrasesOf(m.concept).find((p) => HAN.test(p) === wantHan);
    if (own === undefined) continue;
    out += `${text.slice(at, m.start)} ${own} `;
    at = m.end;
  }
  return at === 0 ? question : (out + text.slice(at)).replace(/\s+/g, ' ').trim();
}
