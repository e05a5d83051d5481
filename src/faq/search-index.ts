// BM25F over knowledge sections: fields (title path + tags, the typical
// questions this section answers, the document's other questions, the body,
// Han character n-grams) each with its own weight and length normalisation,
// combined into one pseudo term frequency before the BM25 saturation
// (Robertson & Zaragoza's BM25F). A word in a heading or in a typical
// question says more about what a section answers than the same word
// somewhere in the body, and BM25F lets it count more without letting a long
// body drown it.
//
// Besides the BM25 score, each hit says how much of the question the section
// *explains* (./coverage.ts): over the whole section, and within the best
// window of two consecutive sentences. Raw BM25 scores are not comparable
// between questions; coverage is, and it is what tells "the knowledge base
// has this" from "one common word matched" (see ./rank.ts).

import { Analyzer, CHAR_PREFIX, defaultTokenizer, hanGrams, questionUnits, type QueryUnit, type Tokenizer } from './analyzer.js';
import { assignQuestions, questionPlaces } from './assign-questions.js';
import { coverageOf, windowCoverageOf, type WeightedUnit } from './coverage.js';
import { englishTopicality, isChineseWord, queryTermTopicality, topicality } from './general-words.js';
import { HomophoneCorrector } from './homophones.js';
import { indexableText } from './markdown.js';
import { Lexicon } from './lexicon.js';
import { isEnglishWord, LatinVocabulary, TypoCorrector, writtenWords } from './spelling.js';
import { addTwinTerms } from './twins.js';
import { withAlternatives } from './alternatives.js';
import { QUESTION_FILLER } from './query-words.js';
import { splitSentences } from '../text/index.js';
import { sectionStatements, type SectionStatements } from './statements.js';
import type { Lang, Section } from './types.js';
import type { QueryTerm, SearchHit, SearchResult } from './search-result.js';

export { defaultTokenizer, type Tokenizer } from './analyzer.js';
export type { QueryTerm, SearchHit, SearchResult } from './search-result.js';

export interface FieldWeights {
  /** The section's own headings. */
  readonly title: number;
  /** Typical questions of the document that this section answers. */
  readonly questions: number;
  /** The document's title, tags and other typical questions: what the whole document is about. */
  readonly docQuestions: number;
  readonly body: number;
}

export const DEFAULT_FIELD_WEIGHTS: FieldWeights = { title: 2, questions: 1, docQuestions: 0.6, body: 1 };

/** Length normalisation per field: titles and questions are short and similar in length, bodies vary. */
const FIELD_B: FieldWeights = { title: 0.3, questions: 0.4, docQuestions: 0.4, body: 0.75 };
const K1 = 1.2;

/**
 * Weight of the Han character n-gram field. Words are the main terms;
 * n-grams only add to the ranking where words miss (坏事 vs 坏处), and count
 * towards coverage only for a word the knowledge base never uses.
 */
export const DEFAULT_CHAR_WEIGHT = 0.3;
const CHAR_B = 0.75;

export interface IndexOptions {
  readonly weights?: Partial<FieldWeights>;
  readonly tokenizer?: Tokenizer;
  /** Weight of the Han character n-gram field (0 turns it off). */
  readonly charWeight?: number;
  /** Terms dropped from queries (not from documents): chat filler such as "到底", "please". */
  readonly queryStopwords?: ReadonlySet<string>;
  /** Synonyms and abbreviations (knowledge/lexicon.txt). */
  readonly lexicon?: Lexicon;
}

interface Posting {
  readonly sections: number[];
  /** Pseudo term frequency (weighted, length-normalised) for each entry of `sections`. */
  readonly ptf: number[];
}

type FieldName = keyof FieldWeights | 'grams';

const HAN = /\p{Script=Han}/u;
const HAN_WORD = /^\p{Script=Han}{2,4}$/u;
/** Idf of a word found in about 4% of sections. */
const UNKNOWN_MIN_WEIGHT = 3;

export class SearchIndex {
  readonly sections: readonly Section[];
  readonly weights: FieldWeights;
  readonly lexicon: Lexicon;
  private readonly analyzer: Analyzer;
  private readonly charWeight: number;
  private readonly queryStopwords: ReadonlySet<string>;
  private readonly postings = new Map<string, Posting>();
  /** Per section: every term of its own text (headings, its questions, body), words, concepts and n-grams. */
  private readonly sectionTerms: Set<string>[] = [];
  /** Per section: the terms of its title and of the questions placed on it by their words (the context of every window). */
  private readonly contextTerms: Set<string>[] = [];
  /** Per section: the terms of its own headings and its questions (what it is about, without the document's title). */
  private readonly labelTerms: Set<string>[] = [];
  /** Per section: the terms of each body sentence. */
  private readonly sentenceTerms: Set<string>[][] = [];
  /** Per section: the terms of each question pinned to it (each read as a window). */
  private readonly questionTerms: Set<string>[][] = [];
  /** Per section: its body's sentences as text (links reduced to their text). */
  private readonly sentenceTexts: string[][] = [];
  private readonly position = new Map<Section, number>();
  /** Per section: the document's typical questions that this section answers. */
  readonly ownQuestions: (readonly string[])[] = [];
  private vocabulary: LatinVocabulary | undefined;
  /** Built with the index (the knowledge base's words); stopwords typed without their apostrophe ("didnt") are no typos. */
  private readonly typos: TypoCorrector;
  /** Built with the postings: the knowledge base's Chinese words and the lexicon's phrases. */
  private homophones: HomophoneCorrector | undefined;
  private readonly docTermCache = new Map<string, ReadonlySet<string>>();
  private readonly docTextCache = new Map<string, string>();
  private scoreBuffer = new Float64Array(0);
  private readonly statementCache = new Map<number, SectionStatements>();

  private constructor(sections: readonly Section[], options: IndexOptions) {
    this.sections = sections;
    this.weights = { ...DEFAULT_FIELD_WEIGHTS, ...options.weights };
    this.lexicon = options.lexicon ?? Lexicon.empty;
    this.charWeight = options.charWeight ?? DEFAULT_CHAR_WEIGHT;
    this.analyzer = new Analyzer(options.tokenizer ?? defaultTokenizer, this.lexicon, this.charWeight > 0);
    this.queryStopwords = options.queryStopwords ?? QUESTION_FILLER;
    const written = writtenWords([...sections.flatMap((x) => [...x.titlePath, x.body, ...x.questions, ...(x.pinnedQuestions ?? []), ...x.tags]), ...this.lexicon.groups.flatMap((g) => g.phrases)]);
    this.typos = new TypoCorrector(written, (w) => isEnglishWord(w) || this.analyzer.tokenizer(w).length === 0);
  }

  static build(sections: readonly Section[], options: IndexOptions = {}): SearchIndex {
    const index = new SearchIndex(sections, options);
    index.fill();
    return index;
  }

  private fill(): void {
    const a = this.analyzer;
    // Sections of one document share its questions: analyse them once.
    const questionCache = new Map<string, { words: string[]; grams: string[] }>();
    const analyzeQuestion = (q: string) => questionCache.get(q) ?? questionCache.set(q, a.analyze(q)).get(q)!;
    const parsed = this.sections.map((s) => {
      // The document's title and tags describe the whole document: they are
      // indexed with its questions, not as this section's title (in every
      // section, they would only favour the shortest one).
      const title = a.analyze(s.titlePath.slice(1).join('\n'));
      const docTitle = a.analyze(s.titlePath[0] ?? '');
      const texts = splitSentences(indexableText(s.body));
      this.sentenceTexts.push(texts);
      const sentences = texts.map((text) => a.analyze(text));
      return { title, docTitle, sentences, body: sentences.flatMap((x) => x.words), bodyGrams: sentences.flatMap((x) => x.grams) };
    });
    // Which section answers each typical question (pinned to it, or its own words say so).
    const places = questionPlaces(this.sections, assignQuestions(this.sections, parsed.map((p) => new Set([...p.title.words, ...p.body])), (q) => analyzeQuestion(q).words));
    const termsOf = (x: { words: string[]; grams: string[] }) => [...x.words, ...x.grams];
    const fields = this.sections.map((s, i) => {
      const p = parsed[i]!;
      const { own: mine, pinned, others } = places[i]!;
      this.ownQuestions.push(mine);
      const ownQ = mine.map(analyzeQuestion);
      const otherQ = [...[...others, s.tags.join('\n')].map(analyzeQuestion), p.docTitle];
      // What every window of the section is read with: its headings, the document's title, the questions
      // placed on it by their words. A pinned question is a window of its own (./coverage.ts): a section's
      // many pinned phrasings, read together, would explain almost any question.
      const assignedQ = mine.filter((q) => !pinned.has(q)).map(analyzeQuestion);
      this.questionTerms.push(mine.filter((q) => pinned.has(q)).map((q) => new Set(termsOf(analyzeQuestion(q)))));
      this.contextTerms.push(new Set([...termsOf(p.title), ...termsOf(p.docTitle), ...assignedQ.flatMap(termsOf)]));
      this.labelTerms.push(new Set([...termsOf(p.title), ...ownQ.flatMap(termsOf)]));
      this.sentenceTerms.push(p.sentences.map((x) => new Set(termsOf(x))));
      // The section's own text, without the document's title: what tells its sections apart.
      this.sectionTerms.push(new Set([...termsOf(p.title), ...ownQ.flatMap(termsOf), ...p.body, ...p.bodyGrams]));
      return {
        title: p.title.words,
        questions: ownQ.flatMap((q) => q.words),
        docQuestions: otherQ.flatMap((q) => q.words),
        body: p.body,
        grams: [...p.title.grams, ...ownQ.flatMap((q) => q.grams), ...otherQ.flatMap((q) => q.grams), ...p.bodyGrams],
      };
    });
    addTwinTerms(this.sections, this.sectionTerms, this.contextTerms);
    const n = Math.max(1, fields.length);
    const names: FieldName[] = ['title', 'questions', 'docQuestions', 'body', 'grams'];
    const avg = Object.fromEntries(names.map((name) => [name, fields.reduce((acc, f) => acc + f[name].length, 0) / n || 1])) as Record<FieldName, number>;
    fields.forEach((f, i) => {
      const ptf = new Map<string, number>();
      for (const name of names) {
        const tokens = f[name];
        if (tokens.length === 0) continue;
        const b = name === 'grams' ? CHAR_B : FIELD_B[name];
        const weight = name === 'grams' ? this.charWeight : this.weights[name];
        const w = weight / (1 - b + (b * tokens.length) / avg[name]);
        for (const t of tokens) ptf.set(t, (ptf.get(t) ?? 0) + w);
      }
      for (const [term, value] of ptf) {
        let posting = this.postings.get(term);
        if (posting === undefined) {
          posting = { sections: [], ptf: [] };
          this.postings.set(term, posting);
        }
        posting.sections.push(i);
        posting.ptf.push(value);
      }
    });
    const hanWords = new Map([...this.postings].filter(([t]) => HAN_WORD.test(t)).map(([t, p]) => [t, p.sections.length]));
    const phrases = new Set(this.lexicon.groups.flatMap((g) => g.phrases).filter((p) => HAN_WORD.test(p)));
    this.homophones = new HomophoneCorrector({ words: hanWords, phrases, isWord: isChineseWord });
  }

  /**
   * Every term of one document (all its sections in one language, with
   * titles, tags and questions): used to check whether a document mentions a
   * name at all.
   */
  docTerms(docId: string, lang: string): ReadonlySet<string> {
    const key = `${docId}.${lang}`;
    const cached = this.docTermCache.get(key);
    if (cached !== undefined) return cached;
    const terms = new Set<string>();
    this.sections.forEach((s, i) => {
      if (s.docId !== docId || s.lang !== lang) return;
      for (const t of this.sectionTerms[i]!) terms.add(t);
      for (const t of this.analyzer.analyze(`${s.tags.join('\n')}\n${s.questions.join('\n')}`).words) terms.add(t);
    });
    this.docTermCache.set(key, terms);
    return terms;
  }

  /** One document's whole text, lower-cased, without spaces, hyphens or underscores: to look up a name as written. */
  docKeyText(docId: string, lang: string): string {
    const key = `${docId}.${lang}`;
    const cached = this.docTextCache.get(key);
    if (cached !== undefined) return cached;
    const parts = this.sections.filter((s) => s.docId === docId && s.lang === lang).map((s) => `${s.titlePath.join(' ')} ${s.tags.join(' ')} ${s.questions.join(' ')} ${s.body}`);
    const text = parts.join(' ').normalize('NFKC').toLowerCase().replace(/[\s\-_]+/g, '');
    this.docTextCache.set(key, text);
    return text;
  }

  /**
   * The body's sentences of one section, each with how much of the
   * question's `units` it explains on its own: what picks the sentence an
   * answer opens with.
   */
  sentencesFor(section: Section, units: readonly WeightedUnit[]): Array<{ text: string; coverage: number }> {
    const i = this.at(section);
    if (i < 0) return [];
    return this.sentenceTexts[i]!.map((text, j) => ({ text, coverage: coverageOf(units, this.sentenceTerms[i]![j]!, false) }));
  }

  /**
   * The section's statements (its sentences, without corrected claims and
   * negated clauses, and its typical questions), as term sets, with its
   * headings and document title: what can state an attribute of a name
   * (./statements.ts), and what it says of a name (./asked.ts). Built when
   * first asked, for answering sections only.
   */
  statementsOf(section: Section): SectionStatements {
    const i = this.at(section);
    const cached = this.statementCache.get(i);
    if (cached !== undefined) return cached;
    const terms = (text: string) => ((a) => new Set([...a.words, ...a.grams]))(this.analyzer.analyze(text));
    const statements = sectionStatements(section.titlePath, this.sentenceTexts[i] ?? [], this.ownQuestions[i] ?? [], terms);
    this.statementCache.set(i, statements);
    return statements;
  }

  /** How much of `units` the section explains: its own text, and its label (own headings and typical questions). */
  explains(section: Section, units: readonly WeightedUnit[]): { coverage: number; label: number } {
    const i = this.at(section);
    return { coverage: coverageOf(units, this.sectionTerms[i]!), label: coverageOf(units, this.labelTerms[i]!) };
  }

  private at(section: Section): number {
    if (this.position.size === 0) this.sections.forEach((s, i) => this.position.set(s, i));
    return this.position.get(section) ?? -1;
  }

  /** Whether some section in `lang` contains `term`. */
  usedIn(term: string, lang: Lang): boolean {
    return this.postings.get(term)?.sections.some((s) => this.sections[s]!.lang === lang) === true;
  }

  /** Number of sections containing `term`. */
  df(term: string): number {
    return this.postings.get(term)?.sections.length ?? 0;
  }

  /** Inverse document frequency (BM25's, always > 0); a term in no section gets the highest value. */
  idf(term: string): number {
    const df = this.df(term);
    const n = this.sections.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The question's words and concepts, without filler (for suggestions and for scoring). */
  queryTerms(query: string): QueryTerm[] {
    const unique = [...new Set(this.analyzer.analyze(query).words)].filter((t) => !this.queryStopwords.has(t));
    return unique.map((term) => ({ term, idf: this.idf(term) }));
  }

  /**
   * The question's units with their weights (idf), a misspelt Latin word
   * ("droping", "learnig") also standing for the known word it is one or
   * two edits away from.
   */
  units(query: string): WeightedUnit[] {
    const raw = questionUnits(query, this.lexicon, this.queryStopwords)
      .filter((u) => [...u.text].length > 1 || u.terms[0]!.startsWith('§'))
      .map((u) => {
        const unit = u.latin && this.df(u.terms[0]!) === 0 ? this.corrected(u) : u;
        const known = unit.terms.filter((t) => this.df(t) > 0);
        return { unit, known: known.length > 0, idf: known.length > 0 ? Math.min(...known.map((t) => this.idf(t))) : this.idf(unit.terms[0]!) };
      });
    // A word the knowledge base never uses weighs as much as the rarest word
    // it does use in this question (at least UNKNOWN_MIN_WEIGHT): enough that
    // "shoe" or 天气 leaves a question unexplained, not so much that one
    // stray word ("biggest") outweighs two on-topic ones.
    const knownMax = Math.max(0, ...raw.filter((r) => r.known).map((r) => r.idf));
    return withAlternatives(query, raw.map(({ unit, known, idf }): WeightedUnit => {
      const base = known ? idf : Math.min(idf, Math.max(knownMax, UNKNOWN_MIN_WEIGHT));
      // Words lose weight by how common they are in general language (frame words: 经过, 以前, "happen").
      const concept = unit.terms[0]!.startsWith('§');
      const scale = concept ? 1 : HAN.test(unit.text) ? topicality(unit.terms[0]!) : unit.latin ? englishTopicality(unit.terms[0]!, unit.verbForm === true) : 1;
      return { ...unit, known, weight: base * scale, topicality: scale };
    }));
  }

  /** `question` with its slips rewritten as the words the knowledge base writes (./homophones.ts, ./spelling.ts). */
  spellChecked(question: string): string {
    return this.typos.correct(this.homophones?.correct(question) ?? question);
  }

  /** `unit` also standing for the known word it misspells or clips (./spelling.ts). */
  private corrected(unit: QueryUnit): QueryUnit {
    this.vocabulary ??= new LatinVocabulary(this.postings.keys(), (t) => this.df(t), this.lexicon.latinPhrases());
    const word = unit.terms[0]!;
    const known = this.vocabulary.resolve(word);
    return known === undefined ? unit : { ...unit, terms: [word, known] };
  }

  /** Rank sections for `query`; `filter` can keep, e.g., one language. */
  search(query: string, options: { limit?: number; filter?: (s: Section) => boolean } = {}): SearchResult {
    const units = this.units(query);
    const corrections = units.flatMap((u) => u.terms.slice(1));
    const terms = [...new Set([...this.queryTerms(query).map((t) => t.term), ...corrections])].map((term) => ({ term, idf: this.idf(term) }));
    // Scores in a flat array indexed by section (with the list of sections touched): on a large corpus the
    // posting loops are the whole cost of a query, and a typed array is several times faster than a Map.
    if (this.scoreBuffer.length !== this.sections.length) this.scoreBuffer = new Float64Array(this.sections.length);
    const score = this.scoreBuffer;
    const touched: number[] = [];
    const matched = new Map<number, string[]>();
    const add = (term: string, idf: number, record: boolean) => {
      const posting = this.postings.get(term);
      if (posting === undefined) return;
      const { sections, ptf } = posting;
      for (let j = 0; j < sections.length; j++) {
        const s = sections[j] as number;
        const tf = ptf[j] as number;
        if (score[s] === 0) touched.push(s);
        score[s]! += (idf * tf * (K1 + 1)) / (tf + K1);
        if (!record) continue;
        const list = matched.get(s);
        if (list === undefined) matched.set(s, [term]);
        else list.push(term);
      }
    };
    // Frame words (地方, 一直, "happen") weigh less in the ranking too, as they do in coverage: a heading
    // that happens to say 地方 does not make its section the answer to "用在什么地方".
    for (const { term, idf } of terms) add(term, idf * queryTermTopicality(term), true);
    // Character n-grams in more than half of the sections say almost nothing (idf ≈ 0) and cost the
    // most (the longest postings): skip them.
    const maxGramDf = Math.max(8, this.sections.length / 2);
    if (this.charWeight > 0) for (const g of new Set(hanGrams(query))) if (this.df(g) <= maxGramDf) add(g, this.idf(g), false);

    const ranked: Array<{ s: number; value: number }> = [];
    for (const s of touched) {
      const value = score[s]!;
      score[s] = 0;
      if (options.filter !== undefined && !options.filter(this.sections[s] as Section)) continue;
      ranked.push({ s, value });
    }
    // Ties (same score) keep knowledge-base order, so results are deterministic.
    ranked.sort((x, y) => y.value - x.value || x.s - y.s);
    const kept = options.limit === undefined ? ranked : ranked.slice(0, options.limit);
    // Coverage is computed when first read: a ranking reads it for the best document's sections only.
    const sectionTerms = this.sectionTerms;
    const contextTerms = this.contextTerms;
    const { sentenceTerms, questionTerms } = this, pageTerms = (x: Section) => this.docTerms(x.docId, x.lang);
    const hits = kept.map(({ s, value }): SearchHit => {
      let coverage: number | undefined;
      let windowCoverage: number | undefined;
      return {
        section: this.sections[s] as Section,
        score: value,
        get coverage() {
          return (coverage ??= coverageOf(units, sectionTerms[s]!));
        },
        get windowCoverage() {
          return (windowCoverage ??= windowCoverageOf(units, contextTerms[s]!, sentenceTerms[s]!, pageTerms(this.section), questionTerms[s]));
        },
        matched: matched.get(s) ?? [],
      };
    });
    return { terms, units, hits };
  }
}

export { CHAR_PREFIX };
