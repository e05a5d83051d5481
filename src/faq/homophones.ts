// Chinese typed with a pinyin keyboard slips by picking the wrong character
// of the same sound: 大默型 for 大模型, 腾训 for 腾讯, 便义 for 便宜. One such
// slip cost most answers (the tuning part's Chinese questions with one:
// 30% answered right, against 88% typed right), because the slipped word is
// no word at all to the tokenizer. Before a question is read, a stretch of
// it that is no word becomes the knowledge base's word of the same length
// that differs from it in one character of the same sound (toneless
// pinyin, pinyin-pro's readings).
//
// What keeps correct questions correct (none of the Chinese tuning and
// typical questions is changed):
//  - a slip is looked for only where jieba finds no word: a window starts
//    and ends between its tokens, or inside a token its dictionary lacks,
//    and the window itself is no word (多少钱 is never 多烧钱);
//  - the slipped character is in such a token, or the word meant is a name
//    or phrase of the lexicon (同义千问 → 通义千问, where 同义 is a word);
//  - the most common function characters (的, 是, 在, 哪…) and the 时 of a
//    "when" clause (训练时, 读博时) are never slips,
//    nor the characters of a lexicon name or phrase written right (对英伟达
//    is never 对应伟达), and a window whose other characters are all function
//    characters is no evidence (讲了 is never 降了, 补了 never 不了);
//  - the character meant must be read, in its usual reading, as one reading
//    of the character typed (的 is never 提, although both can be "di").

import { createRequire } from 'node:module';
import { tokenize } from '../text/index.js';

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN_WORD = /^\p{Script=Han}{2,4}$/u;
const WILDCARD = '*';

/** Characters too common as grammar to be anyone's slip. */
const FUNCTION_CHARS = new Set('的了是在吗呢吧啊哪和与或也都就还又很么着过把被给让向从对为以之其这那谁啥我你他她它们');
/** Never the slip either: 时 ends a "when" clause (训练时, 读博时), which is not 使用 or 读博士. */
const NEVER_SLIPPED = new Set([...FUNCTION_CHARS, '时']);

/** Words whose use decides between two candidates; lexicon phrases count as used everywhere. */
export interface HomophoneVocabulary {
  /** The knowledge base's Chinese words (two to four characters) with in how many sections each occurs. */
  readonly words: ReadonlyMap<string, number>;
  /** The lexicon's Chinese phrases (names and their synonyms). */
  readonly phrases: ReadonlySet<string>;
  /** Whether a word is Chinese at all (jieba's dictionary). */
  readonly isWord: (word: string) => boolean;
}

type Readings = (char: string) => readonly string[];

let pinyinReadings: Readings | undefined;

/** Every toneless reading of a character, the usual one first (pinyin-pro, loaded with the first candidate slip). */
function readingsOf(char: string): readonly string[] {
  if (pinyinReadings === undefined) {
    const { pinyin } = createRequire(import.meta.url)('pinyin-pro') as typeof import('pinyin-pro');
    const cache = new Map<string, readonly string[]>();
    pinyinReadings = (c) => {
      let r = cache.get(c);
      if (r === undefined) cache.set(c, (r = pinyin(c, { toneType: 'none', multiple: true, type: 'array' })));
      return r;
    };
  }
  return pinyinReadings(char);
}

export class HomophoneCorrector {
  /** Each word with one character replaced by WILDCARD → the words it stands for. */
  private readonly patterns = new Map<string, string[]>();
  /** The lexicon's Han phrases as one pattern, longest first: written right in a question, they are never part of a slip. */
  private readonly phrasePattern: RegExp | undefined;

  constructor(
    private readonly vocabulary: HomophoneVocabulary,
    private readonly readings: Readings = readingsOf,
  ) {
    for (const word of new Set([...vocabulary.words.keys(), ...vocabulary.phrases])) {
      if (!HAN_WORD.test(word)) continue;
      const chars = [...word];
      chars.forEach((_, i) => {
        const key = chars.map((c, j) => (j === i ? WILDCARD : c)).join('');
        const list = this.patterns.get(key);
        if (list === undefined) this.patterns.set(key, [word]);
        else list.push(word);
      });
    }
    const han = [...vocabulary.phrases].filter((p) => /^\p{Script=Han}{2,}$/u.test(p)).sort((a, b) => b.length - a.length);
    this.phrasePattern = han.length === 0 ? undefined : new RegExp(han.join('|'), 'gu');
  }

  correct(text: string): string {
    return text.replace(HAN_RUN, (run) => this.correctRun(run));
  }

  private known(word: string): boolean {
    return this.vocabulary.words.has(word) || this.vocabulary.phrases.has(word) || this.vocabulary.isWord(word);
  }

  private uses(word: string): number {
    return this.vocabulary.phrases.has(word) ? Number.MAX_SAFE_INTEGER : (this.vocabulary.words.get(word) ?? 0);
  }

  private correctRun(run: string): string {
    const tokens = tokenize(run, { stopwords: false });
    const chars = [...run];
    // The tokenizer drops nothing from a run of Han characters; if it ever does, leave the run alone.
    if (tokens.join('') !== run) return run;
    // Per character: whether it is in a token that is no word; per position: whether a window may start or end there.
    const inNonWord: boolean[] = [];
    const boundary = new Array<boolean>(chars.length + 1).fill(false);
    let at = 0;
    for (const token of tokens) {
      const length = [...token].length;
      const word = length >= 2 && this.known(token);
      for (let k = 0; k < length; k++) inNonWord.push(!word);
      for (let k = 0; k <= length; k++) if (k === 0 || k === length || !word) boundary[at + k] = true;
      at += length;
    }
    const taken = new Array<boolean>(chars.length).fill(false);
    // A name or phrase of the lexicon written right keeps its characters: 对英伟达 is not 对应 + 伟达 (a slip next to
    // one may still complete a longer word: 价格占 → 价格战).
    const written = new Array<boolean>(chars.length).fill(false);
    for (const m of this.phrasePattern === undefined ? [] : run.matchAll(this.phrasePattern)) {
      const from = [...run.slice(0, m.index)].length;
      for (let k = from; k < from + [...m[0]].length; k++) written[k] = true;
    }
    // Longer windows first: 大默型 is one slip of 大模型, not of 默.
    for (let size = 4; size >= 2; size--) {
      for (let i = 0; i + size <= chars.length; i++) {
        const end = i + size;
        if (!boundary[i] || !boundary[end] || taken.slice(i, end).some(Boolean)) continue;
        const window = chars.slice(i, end);
        if (this.known(window.join(''))) continue;
        const meant = this.meant(window, inNonWord.slice(i, end));
        if (meant === undefined || [...meant].some((c, k) => c !== window[k] && written[i + k])) continue;
        [...meant].forEach((c, k) => (chars[i + k] = c));
        for (let k = i; k < end; k++) taken[k] = true;
      }
    }
    return chars.join('');
  }

  /** The word `window` is one slip of, the most used one; undefined when none. */
  private meant(window: readonly string[], inNonWord: readonly boolean[]): string | undefined {
    let best: { word: string; uses: number } | undefined;
    window.forEach((typed, j) => {
      if (NEVER_SLIPPED.has(typed)) return;
      // What stays must be more than grammar: 了 alone does not make 讲了 a slip of 降了, nor 补了 one of 不了.
      if (window.every((c, k) => k === j || FUNCTION_CHARS.has(c))) return;
      const key = window.map((c, k) => (k === j ? WILDCARD : c)).join('');
      for (const word of this.patterns.get(key) ?? []) {
        const intended = [...word][j]!;
        if (intended === typed || !this.readings(typed).includes(this.readings(intended)[0] ?? '')) continue;
        // Inside a real word, only a lexicon name or phrase is worth the change (同义千问 → 通义千问).
        if (!inNonWord[j] && !this.vocabulary.phrases.has(word)) continue;
        const uses = this.uses(word);
        if (best === undefined || uses > best.uses) best = { word, uses };
      }
    });
    return best?.word;
  }
}
