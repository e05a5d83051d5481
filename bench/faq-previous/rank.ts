// The FAQ retrieval as it was before issue #12 (BM25F over jieba words and
// single Han characters, whole-section coverage), kept only so that
// bench/faq.bench.ts can time the new retrieval against it in the same run.

// From section hits to an answer decision: which document answers, which
// section of it (in the question's language), how sure we are, and which
// sources to show. Kept apart from the index so the policy can be read (and
// tuned against the evaluation set) in one place.

import { detectLang } from '../../src/text/index.js';
import type { QueryTerm, SearchHit, SearchIndex } from './search-index.js';
import type { Lang, Section } from '../../src/faq/types.js';

/**
 * Default confidence threshold (0–1). Chosen on the evaluation set
 * (test/faq/eval-set.ts) as the lowest value that keeps confident answers to
 * out-of-scope questions ≤ 5%; FAQ_MIN_SCORE overrides it.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.4;

/** How much a document's second-best section adds to its best one: several matching sections = on topic. */
const SECOND_SECTION_WEIGHT = 0.25;

export interface RankedDoc {
  readonly docId: string;
  /** Document score: best section score plus a share of the second best. */
  readonly score: number;
  /** Hits of this document, best first (in the ranking language). */
  readonly hits: readonly SearchHit[];
}

export interface Ranking {
  readonly question: string;
  readonly lang: Lang;
  readonly terms: readonly QueryTerm[];
  /** Documents, best first. */
  readonly docs: readonly RankedDoc[];
  /** The section to answer from (in the question's language when the KB has it), if any matched. */
  readonly answer: SearchHit | undefined;
  /** 0–1: how well the best document covers the question (see `confidenceOf`). */
  readonly confidence: number;
  readonly confident: boolean;
  /** Query terms that name something (a product, a company) the answering document never mentions. */
  readonly missingEntities: readonly string[];
}

/** Candidate sections considered per question. */
const DEPTH = 50;

export interface RankOptions {
  readonly minConfidence?: number;
}

/**
 * Rank documents for a question. Sections in the question's language are
 * searched first; the other language is used only when nothing matches in
 * it (a Chinese question about "Keras" still finds the English entry).
 */
export function rankQuestion(index: SearchIndex, question: string, options: RankOptions = {}): Ranking {
  const lang = detectLang(question);
  let result = index.search(question, { limit: DEPTH, filter: (s) => s.lang === lang });
  // Nothing in this language shares a word with the question (character
  // overlaps alone do not count): try both languages.
  if (!result.hits.some((h) => h.coverage > 0)) result = index.search(question, { limit: DEPTH });
  const { terms, hits } = result;

  const byDoc = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const list = byDoc.get(hit.section.docId);
    if (list === undefined) byDoc.set(hit.section.docId, [hit]);
    else list.push(hit);
  }
  const docs: RankedDoc[] = [...byDoc.entries()]
    .map(([docId, docHits]) => ({ docId, hits: docHits, score: (docHits[0]?.score ?? 0) + SECOND_SECTION_WEIGHT * (docHits[1]?.score ?? 0) }))
    .sort((a, b) => b.score - a.score);

  const best = docs[0];
  const answer = best === undefined ? undefined : bestSection(best.hits);
  const missingEntities = answer === undefined ? [] : entitiesMissing(question, lang, terms, index, answer.section);
  const confidence = answer === undefined ? 0 : confidenceOf(answer, missingEntities);
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  return { question, lang, terms, docs, answer, confidence, confident: answer !== undefined && confidence >= minConfidence, missingEntities };
}

/**
 * The section of one document to answer from: the one whose own text
 * (headings and body, not the questions all sections of the document share)
 * covers most of the question; not merely the highest BM25 score, which a
 * long section collects from many partial matches. Between sections that
 * cover it equally, the earlier one wins: documents lead with their main
 * answer (who someone is before what others got wrong about them).
 */
export function bestSection(hits: readonly SearchHit[]): SearchHit | undefined {
  return [...hits].sort((a, b) => (Math.abs(b.localCoverage - a.localCoverage) > 1e-9 ? b.localCoverage - a.localCoverage : a.section.order - b.section.order))[0];
}

/**
 * Confidence = the share of the question's information (idf-weighted terms)
 * that the answering section matches. BM25 scores cannot be compared between
 * questions; this can. A question naming an entity the document never
 * mentions ("OpenAI 的 CEO 是谁" against the page about Zhipu's CEO) is
 * capped below any sensible threshold: a neighbouring topic is not an answer.
 */
export function confidenceOf(hit: SearchHit, missingEntities: readonly string[]): number {
  const value = hit.coverage;
  return missingEntities.length > 0 ? Math.min(value, 0.2) : value;
}

const LATIN_WORD = /^[a-z][a-z0-9.]+$/;

/**
 * A name is specific when few sections mention it (or none): "OpenAI",
 * "iPhone". Terms all over the knowledge base ("AI", "LLM", "API", "GPU")
 * are the domain's vocabulary, not names of something else.
 */
const SPECIFIC_IDF = 2.5;

/**
 * Terms that name something: Latin words inside a Chinese question (model,
 * company and product names: GPT, OpenAI, iPhone), and in an English
 * question the words written with a capital letter anywhere but at the start
 * of the sentence. Those that are specific (see SPECIFIC_IDF) and not found
 * anywhere in the answering document are returned.
 */
function entitiesMissing(question: string, lang: Lang, terms: readonly QueryTerm[], index: SearchIndex, section: Section): string[] {
  let entities: string[];
  if (lang === 'zh') {
    entities = terms.map((t) => t.term).filter((t) => LATIN_WORD.test(t));
  } else {
    const capitalised = question
      .replace(/^\s*\S+/, '') // the first word is capitalised by grammar, not because it is a name
      .split(/[^\p{L}\p{N}'’-]+/u)
      .filter((w) => /\p{Lu}/u.test(w));
    entities = [...new Set(capitalised.flatMap((w) => index.queryTerms(w).map((t) => t.term)))].filter((t) => LATIN_WORD.test(t));
  }
  entities = entities.filter((e) => index.idf(e) >= SPECIFIC_IDF);
  if (entities.length === 0) return [];
  const docTerms = index.docTerms(section.docId, section.lang);
  return entities.filter((e) => !docTerms.has(e));
}
