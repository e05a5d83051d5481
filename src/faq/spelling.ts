// A Latin word of a question that the knowledge base never uses is often a
// typo ("droping", "learnig", "pirces", "kersa") or a clipped word ("calc",
// "params"). Two passes read it as what was meant:
//
//  - before anything else, the question's words that are no English word
//    and that the knowledge base does not write are rewritten as the word it
//    writes one slip away (TypoCorrector): then a mistyped name is that name
//    for every rule (a lexicon phrase, a name the answer must mention, a
//    capitalised entity), not an unknown word;
//  - a word still unknown after that (a clipped word, a typo that happens to
//    be an English word) also stands for the known index term it is close to
//    (LatinVocabulary, ./search-index.ts), instead of weighing as an unknown
//    topic.

import { createRequire } from 'node:module';
import { editDistance, typoDistance } from '../text/edit-distance.js';

const LATIN_WORD = /^[a-z][a-z0-9]*$/;
/**
 * A run of four Latin letters or more, not part of a longer Latin word or a
 * version (Han text may touch it: "keras例子"), nor a contraction ("didn't").
 */
const LATIN_RUN = /(?<![A-Za-z0-9])[A-Za-z]{4,}(?![A-Za-z0-9'’])/g;

export class LatinVocabulary {
  private readonly words: readonly string[];

  /**
   * `terms`: every index term; `df`: in how many sections a term occurs (the
   * more used word wins a tie); `phrases`: the lexicon's Latin phrases written
   * as one word, with their concept (a typo of "pretraining" means the concept).
   */
  constructor(
    terms: Iterable<string>,
    private readonly df: (term: string) => number,
    private readonly phrases: ReadonlyMap<string, string> = new Map(),
  ) {
    this.words = [...terms, ...phrases.keys()].filter((t) => LATIN_WORD.test(t) && t.length >= 3);
  }

  /**
   * The known word `word` stands for: one or two edits away (two from eight
   * letters on), else the word it starts when it is clipped; undefined when
   * none. Words under four letters are left alone.
   */
  resolve(word: string): string | undefined {
    if (word.length < 4 || !LATIN_WORD.test(word)) return undefined;
    return (word.length >= 5 ? this.corrected(word) : undefined) ?? this.expanded(word);
  }

  private corrected(word: string): string | undefined {
    const max = word.length >= 8 ? 2 : 1;
    let best: { term: string; d: number; df: number } | undefined;
    for (const t of this.words) {
      if (Math.abs(t.length - word.length) > max || t[0] !== word[0]) continue;
      const d = editDistance(word, t);
      if (d > max) continue;
      const term = this.phrases.get(t) ?? t;
      const df = this.df(term);
      if (best === undefined || d < best.d || (d === best.d && df > best.df)) best = { term, d, df };
    }
    return best?.term;
  }

  /**
   * A clipped word ("calc", "approx", "infra") stands for the known word it
   * starts, the most used one: people shorten words in chat.
   */
  private expanded(word: string): string | undefined {
    let best: { term: string; df: number } | undefined;
    for (const t of this.words) {
      // Not a lexicon phrase: "fine" does not clip "finetuning".
      if (t.length < word.length + 2 || !t.startsWith(word) || this.phrases.has(t)) continue;
      const df = this.df(t);
      if (best === undefined || df > best.df) best = { term: t, df };
    }
    return best?.term;
  }
}

/**
 * Rewrites the typos of a question. A word is read as a typo when it has
 * four letters or more, is no English word (so "shoe" is never "show") and
 * is not written in the knowledge base; it then becomes the written word one
 * slip away (two from eight letters on; two letters the wrong way round
 * are one slip), the most used one, with the same first letter (a slip
 * rarely hits it, and that keeps names apart). Words with digits are left
 * alone: they are versions and model names.
 */
/** Words whose reading is remembered (a bot runs for months on anyone's words). */
const CACHE_LIMIT = 10_000;

export class TypoCorrector {
  private readonly cache = new Map<string, string | null>();

  /** `written`: the knowledge base's words, lower case, with how many sections use each (the more used wins a tie). */
  constructor(
    private readonly written: ReadonlyMap<string, number>,
    private readonly isWord: (word: string) => boolean = isEnglishWord,
  ) {}

  correct(text: string): string {
    return text.replace(LATIN_RUN, (raw) => {
      const fixed = this.wordFor(raw.toLowerCase());
      if (fixed === undefined) return raw;
      // Keep a capital: it is how an English question marks a name.
      return /^[A-Z]/.test(raw) ? fixed[0]!.toUpperCase() + fixed.slice(1) : fixed;
    });
  }

  private wordFor(word: string): string | undefined {
    if (this.written.has(word)) return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.isWord(word) ? undefined : this.closest(word);
    // Questions are anyone's words: the cache is bounded.
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, found ?? null);
    return found;
  }

  private closest(word: string): string | undefined {
    const max = word.length >= 8 ? 2 : 1;
    let best: { w: string; d: number; uses: number } | undefined;
    for (const [w, uses] of this.written) {
      if (Math.abs(w.length - word.length) > max || w[0] !== word[0]) continue;
      const d = typoDistance(word, w);
      if (d > max) continue;
      if (best === undefined || d < best.d || (d === best.d && uses > best.uses)) best = { w, d, uses };
    }
    return best?.w;
  }
}

/** The Latin words (four letters or more, lower case) of each text, with in how many of the texts each occurs. */
export function writtenWords(texts: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const text of texts) {
    for (const w of new Set(Array.from(text.matchAll(LATIN_RUN), (m) => m[0].toLowerCase()))) out.set(w, (out.get(w) ?? 0) + 1);
  }
  return out;
}

let dictionary: readonly string[] | undefined;

/**
 * Whether `word` (lower case) is an English word in any form ("prices",
 * "happened"): the ~275,000 words of an-array-of-english-words, loaded with
 * the first question that has a word the knowledge base does not write.
 */
export function isEnglishWord(word: string): boolean {
  dictionary ??= createRequire(import.meta.url)('an-array-of-english-words') as string[];
  // The list is sorted: a binary search keeps it one array, not a 275,000-entry set.
  let lo = 0;
  let hi = dictionary.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = dictionary[mid]!;
    if (w === word) return true;
    if (w < word) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
