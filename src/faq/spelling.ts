// A Latin word of a question that the knowledge base never uses is often a
// typo ("droping", "learnig", "pretrainig") or a clipped word ("calc",
// "params"): it then also stands for the known word, or the lexicon phrase,
// it is close to, instead of weighing as an unknown topic
// (./search-index.ts).

import { editDistance } from '../text/edit-distance.js';

const LATIN_WORD = /^[a-z][a-z0-9]*$/;

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
