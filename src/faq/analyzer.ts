// Text → index terms, the same way for documents and questions:
//  - words: jieba (search mode, so 中小企业 also yields 企业) and Porter stems;
//  - concepts: one term per lexicon phrase found (./lexicon.ts), so 中小公司
//    and 中小企业, "SME" and 小公司 meet;
//  - Han character n-grams (single characters and bigrams), kept apart with
//    a prefix: they catch what word matching loses when people and documents
//    cut words differently (损失函数 vs 损失/函数, 坏事 vs 坏处, jieba's
//    用大/模型 for 用大模型).
//
// And a question → its *units*: the content words (or concepts) a section
// must explain to answer it, which is what confidence is measured on
// (./coverage.ts).

import { tokenize } from '../text/index.js';
import type { Lexicon } from './lexicon.js';
import { QUESTION_FILLER } from './query-words.js';

export type Tokenizer = (text: string) => string[];

/**
 * Text as it is tokenised, for documents and questions alike: NFKC, and a
 * multiplier written with the sign ("9×", "900 ×") spelled as people type
 * it ("9x"), so "epoch ai 9x 900x" meets "from 9× to 900× per year".
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/(\d)\s?×/g, '$1x');
}

/**
 * jieba "search" mode for Chinese (long words also yield their sub-words, so
 * 中小企业 meets 企业), Porter stems for English; the same for documents and queries.
 */
export const defaultTokenizer: Tokenizer = (text) => tokenize(text, { search: true });

/** Prefix of character n-gram terms, so 企业 the word and 企业 the bigram are different terms. */
export const CHAR_PREFIX = '\u0001';
const HAN_RUN = /\p{Script=Han}+/gu;

/** Single Han characters and Han bigrams of `text` (within runs of Han, never across punctuation). */
export function hanGrams(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(HAN_RUN)) {
    const chars = [...m[0]];
    for (let i = 0; i < chars.length; i++) {
      out.push(CHAR_PREFIX + chars[i]);
      if (i + 1 < chars.length) out.push(CHAR_PREFIX + chars[i] + chars[i + 1]);
    }
  }
  return out;
}

/** Only the bigrams (what tells 中小公司 from 公司小中). */
export function hanBigrams(text: string): string[] {
  return hanGrams(text).filter((g) => g.length === 3);
}

const HYPHENED_WORD = /(?<![\p{L}\p{N}-])[a-z]{2,}(?:-[a-z]{2,})+(?![\p{L}\p{N}-])/giu;

/**
 * A hyphened English word also as one word ("start-ups" → startup, "pre-training" → pretraining): people
 * write both, and the tokenizer splits the hyphened one into its parts.
 */
function joinedHyphenWords(text: string): string[] {
  return [...text.matchAll(HYPHENED_WORD)].flatMap((m) => tokenize(m[0].replace(/-/g, '')));
}

export interface AnalyzedText {
  /** Words and concept terms. */
  readonly words: string[];
  /** Han character n-grams. */
  readonly grams: string[];
}

export class Analyzer {
  constructor(
    readonly tokenizer: Tokenizer,
    readonly lexicon: Lexicon,
    readonly charGrams: boolean,
  ) {}

  analyze(text: string): AnalyzedText {
    const normal = normalizeText(text);
    return { words: [...this.tokenizer(normal), ...joinedHyphenWords(normal), ...this.lexicon.concepts(normal)], grams: this.charGrams ? hanGrams(normal) : [] };
  }
}

/**
 * One thing a question asks about. It is explained by a section that
 * contains any of `terms`; a Chinese word the knowledge base never uses can
 * also be explained in part by its bigrams (中小公司 ≈ 中小 + 公司).
 */
export interface QueryUnit {
  /** What the asker wrote (for logs and tests). */
  readonly text: string;
  readonly terms: readonly string[];
  readonly bigrams: readonly string[];
  /** A Latin-script word: a name or a term the knowledge base may never mention. */
  readonly latin: boolean;
  /**
   * An English word written as a verb form ("calculated", "pushing"): like
   * a Chinese verb (./general-words.ts), it frames what a question asks
   * more often than it names it.
   */
  readonly verbForm?: boolean;
}

/** "-ed"/"-ing" forms of English words, by their stem: what the tokenizer's stemming hides. */
function englishVerbForms(text: string): Set<string> {
  const stems = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z]{3,}(?:ed|ing)\b/gi)) {
    const stem = tokenize(m[0])[0];
    if (stem !== undefined) stems.add(stem);
  }
  return stems;
}

const LATIN = /^[a-z0-9][a-z0-9.]*$/;
const GLUED = /^[a-z]{2,}\d[a-z0-9.]*$/;
const HAN = /\p{Script=Han}/u;

/**
 * The content units of a question: lexicon concepts first (the text they
 * cover is not counted again word by word), then the remaining words without
 * stopwords and chat filler. Words inside one jieba word are not repeated
 * (search mode is for recall, not for counting).
 */
export function questionUnits(question: string, lexicon: Lexicon, stopwords: ReadonlySet<string> = QUESTION_FILLER): QueryUnit[] {
  const text = normalizeText(question);
  const units: QueryUnit[] = [];
  const seen = new Set<string>();
  const matches = lexicon.match(text);
  let rest = '';
  let at = 0;
  for (const m of matches) {
    rest += `${text.slice(at, m.start)} `;
    at = m.end;
    if (seen.has(m.concept)) continue;
    seen.add(m.concept);
    units.push({ text: text.slice(m.start, m.end), terms: [m.concept], bigrams: [], latin: false });
  }
  rest += text.slice(at);
  // "llama405b", "qwen2": a name glued to its version is two units, as documents write them apart.
  const words = tokenize(rest).flatMap((w) => (GLUED.test(w) ? w.split(/(?<=[a-z])(?=\d)/) : [w]));
  const verbForms = englishVerbForms(rest);
  for (const word of words) {
    if (stopwords.has(word) || seen.has(word)) continue;
    seen.add(word);
    const han = HAN.test(word);
    const latin = !han && LATIN.test(word);
    units.push({ text: word, terms: [word], bigrams: han && [...word].length >= 3 ? hanBigrams(word) : [], latin, ...(latin && verbForms.has(word) ? { verbForm: true } : {}) });
  }
  return units;
}
