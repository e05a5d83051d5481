// The FAQ retrieval as it was before issue #12 (BM25F over jieba words and
// single Han characters, whole-section coverage), kept only so that
// bench/faq.bench.ts can time the new retrieval against it in the same run.

// BM25F over knowledge sections: three fields (title path + tags, the
// document's typical questions, the body) each with its own weight and
// length normalisation, combined into one pseudo term frequency before the
// BM25 saturation (Robertson & Zaragoza's BM25F). A word in a heading or in
// a typical question says more about what a section answers than the same
// word somewhere in the body, and BM25F lets it count more without letting
// a long body drown it.
//
// Besides the BM25 score, each hit carries its *coverage*: the share of the
// query's information (idf-weighted) that the section matches at all. Raw
// BM25 scores are not comparable between queries; coverage is, and it is
// what tells "the knowledge base has this" from "one common word matched"
// (see ./rank.ts).

import { tokenize } from '../../src/text/index.js';
import { indexableText } from '../../src/faq/markdown.js';
import { QUESTION_FILLER } from './query-words.js';
import type { Section } from '../../src/faq/types.js';

export type Tokenizer = (text: string) => string[];

export interface FieldWeights {
  readonly title: number;
  readonly questions: number;
  readonly body: number;
}

export const DEFAULT_FIELD_WEIGHTS: FieldWeights = { title: 1, questions: 1, body: 1 };

/** Length normalisation per field: titles and questions are short and similar in length, bodies vary. */
const FIELD_B: FieldWeights = { title: 0.3, questions: 0.4, body: 0.75 };
const K1 = 1.2;

/**
 * Single Han characters as an extra, low-weight field. jieba's words are the
 * main terms, but people rarely use the document's exact word: 坏事 for 坏处,
 * 弊端 for 利弊, 写错 for 错误, or jieba mis-cuts a question (用大模型 →
 * 用大/模型). Characters still meet in those cases. They only add to the
 * ranking score, never to coverage, so they cannot make an unrelated
 * question look answered.
 */
export const DEFAULT_CHAR_WEIGHT = 0.3;
const CHAR_B = 0.75;
const CHAR_PREFIX = '\u0001';
const HAN_CHAR = /\p{Script=Han}/gu;

function hanChars(text: string): string[] {
  return (text.match(HAN_CHAR) ?? []).map((c) => CHAR_PREFIX + c);
}

/**
 * jieba "search" mode for Chinese (long words also yield their sub-words, so
 * 中小企业 meets 企业), Porter stems for English; the same for documents and queries.
 */
export const defaultTokenizer: Tokenizer = (text) => tokenize(text, { search: true });

export interface IndexOptions {
  readonly weights?: Partial<FieldWeights>;
  readonly tokenizer?: Tokenizer;
  /** Weight of the single-Han-character field (0 turns it off). */
  readonly charWeight?: number;
  /** Terms dropped from queries (not from documents): chat filler such as "到底", "please". */
  readonly queryStopwords?: ReadonlySet<string>;
}

export interface QueryTerm {
  readonly term: string;
  readonly idf: number;
}

export interface SearchHit {
  readonly section: Section;
  /** BM25F score (unbounded, only comparable within one query). */
  readonly score: number;
  /** Idf-weighted share of the query's terms that occur in this section (any field), 0–1. */
  readonly coverage: number;
  /**
   * The same, counting only the section's own text (headings and body), not
   * the questions it shares with the rest of its document: what picks the
   * section within a document.
   */
  readonly localCoverage: number;
  readonly matched: readonly string[];
}

export interface SearchResult {
  readonly terms: readonly QueryTerm[];
  readonly hits: readonly SearchHit[];
}

interface Posting {
  readonly sections: number[];
  /** Pseudo term frequency (weighted, length-normalised) for each entry of `sections`. */
  readonly ptf: number[];
  /** Whether the term occurs in the section's own title or body (not only in the document's questions). */
  readonly local: boolean[];
}

export class SearchIndex {
  readonly sections: readonly Section[];
  readonly weights: FieldWeights;
  private readonly tokenizer: Tokenizer;
  private readonly charWeight: number;
  private readonly queryStopwords: ReadonlySet<string>;
  private readonly postings = new Map<string, Posting>();
  private readonly docTermCache = new Map<string, ReadonlySet<string>>();

  private constructor(sections: readonly Section[], options: IndexOptions) {
    this.sections = sections;
    this.weights = { ...DEFAULT_FIELD_WEIGHTS, ...options.weights };
    this.tokenizer = options.tokenizer ?? defaultTokenizer;
    this.charWeight = options.charWeight ?? DEFAULT_CHAR_WEIGHT;
    this.queryStopwords = options.queryStopwords ?? QUESTION_FILLER;
  }

  static build(sections: readonly Section[], options: IndexOptions = {}): SearchIndex {
    const index = new SearchIndex(sections, options);
    index.fill();
    return index;
  }

  private fill(): void {
    // Sections of one document share its questions: tokenise them once.
    const questionTokens = new Map<readonly string[], string[]>();
    const fields = this.sections.map((s) => {
      let q = questionTokens.get(s.questions);
      if (q === undefined) {
        q = this.tokenizer(s.questions.join('\n'));
        questionTokens.set(s.questions, q);
      }
      const titleText = `${s.titlePath.join('\n')}\n${s.tags.join('\n')}`;
      const bodyText = indexableText(s.body);
      return {
        title: this.tokenizer(titleText),
        questions: q,
        body: this.tokenizer(bodyText),
        chars: this.charWeight > 0 ? hanChars(`${titleText}\n${s.questions.join('\n')}\n${bodyText}`) : [],
      };
    });
    const n = Math.max(1, fields.length);
    const avg = {
      title: fields.reduce((a, f) => a + f.title.length, 0) / n || 1,
      questions: fields.reduce((a, f) => a + f.questions.length, 0) / n || 1,
      body: fields.reduce((a, f) => a + f.body.length, 0) / n || 1,
      chars: fields.reduce((a, f) => a + f.chars.length, 0) / n || 1,
    };
    fields.forEach((f, i) => {
      const ptf = new Map<string, number>();
      // The section's own text: its title path and body, not the questions it shares with its siblings.
      const local = new Set<string>([...f.title, ...f.body]);
      for (const name of ['title', 'questions', 'body'] as const) {
        const tokens = f[name];
        if (tokens.length === 0) continue;
        const norm = 1 - FIELD_B[name] + (FIELD_B[name] * tokens.length) / avg[name];
        const w = this.weights[name] / norm;
        for (const t of tokens) ptf.set(t, (ptf.get(t) ?? 0) + w);
      }
      if (f.chars.length > 0) {
        const w = this.charWeight / (1 - CHAR_B + (CHAR_B * f.chars.length) / avg.chars);
        for (const c of f.chars) ptf.set(c, (ptf.get(c) ?? 0) + w);
      }
      for (const [term, value] of ptf) {
        let posting = this.postings.get(term);
        if (posting === undefined) {
          posting = { sections: [], ptf: [], local: [] };
          this.postings.set(term, posting);
        }
        posting.sections.push(i);
        posting.ptf.push(value);
        posting.local.push(local.has(term));
      }
    });
  }

  /**
   * Every term of one document (all its sections in one language, with titles
   * and tags), tokenised on first use and cached: used to check whether a
   * document mentions a name at all.
   */
  docTerms(docId: string, lang: string): ReadonlySet<string> {
    const key = `${docId}.${lang}`;
    let terms = this.docTermCache.get(key);
    if (terms === undefined) {
      const text = this.sections
        .filter((s) => s.docId === docId && s.lang === lang)
        .map((s) => `${s.titlePath.join('\n')}\n${s.tags.join('\n')}\n${indexableText(s.body)}`)
        .join('\n');
      const questions = this.sections.find((s) => s.docId === docId && s.lang === lang)?.questions ?? [];
      terms = new Set(this.tokenizer(`${text}\n${questions.join('\n')}`));
      this.docTermCache.set(key, terms);
    }
    return terms;
  }

  /** Inverse document frequency (BM25's, always > 0); a term in no section gets the highest value. */
  idf(term: string): number {
    const df = this.postings.get(term)?.sections.length ?? 0;
    const n = this.sections.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  queryTerms(query: string): QueryTerm[] {
    const unique = [...new Set(this.tokenizer(query))].filter((t) => !this.queryStopwords.has(t));
    return unique.map((term) => ({ term, idf: this.idf(term) }));
  }

  /** Rank sections for `query`; `filter` can keep, e.g., one language. */
  search(query: string, options: { limit?: number; filter?: (s: Section) => boolean } = {}): SearchResult {
    const terms = this.queryTerms(query);
    const totalIdf = terms.reduce((a, t) => a + t.idf, 0);
    const score = new Map<number, number>();
    const covered = new Map<number, number>();
    const coveredLocally = new Map<number, number>();
    const matched = new Map<number, string[]>();
    for (const { term, idf } of terms) {
      const posting = this.postings.get(term);
      if (posting === undefined) continue;
      for (let j = 0; j < posting.sections.length; j++) {
        const s = posting.sections[j] as number;
        const tf = posting.ptf[j] as number;
        score.set(s, (score.get(s) ?? 0) + (idf * tf * (K1 + 1)) / (tf + K1));
        covered.set(s, (covered.get(s) ?? 0) + idf);
        if (posting.local[j] === true) coveredLocally.set(s, (coveredLocally.get(s) ?? 0) + idf);
        const list = matched.get(s);
        if (list === undefined) matched.set(s, [term]);
        else list.push(term);
      }
    }
    if (this.charWeight > 0) {
      for (const c of new Set(hanChars(query.normalize('NFKC')))) {
        const posting = this.postings.get(c);
        if (posting === undefined) continue;
        const idf = this.idf(c);
        for (let j = 0; j < posting.sections.length; j++) {
          const s = posting.sections[j] as number;
          const tf = posting.ptf[j] as number;
          score.set(s, (score.get(s) ?? 0) + (idf * tf * (K1 + 1)) / (tf + K1));
        }
      }
    }
    const ranked: Array<{ s: number; value: number }> = [];
    for (const [s, value] of score) {
      if (options.filter !== undefined && !options.filter(this.sections[s] as Section)) continue;
      ranked.push({ s, value });
    }
    // Ties (same score) keep knowledge-base order, so results are deterministic.
    ranked.sort((a, b) => b.value - a.value || a.s - b.s);
    const kept = options.limit === undefined ? ranked : ranked.slice(0, options.limit);
    const hits = kept.map(({ s, value }): SearchHit => ({
      section: this.sections[s] as Section,
      score: value,
      coverage: totalIdf > 0 ? (covered.get(s) ?? 0) / totalIdf : 0,
      localCoverage: totalIdf > 0 ? (coveredLocally.get(s) ?? 0) / totalIdf : 0,
      matched: matched.get(s) ?? [],
    }));
    return { terms, hits };
  }
}
