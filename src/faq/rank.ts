// From section hits to an answer decision: which document answers, which
// section of it (in the question's language), how sure we are, and which
// sources to show. Kept apart from the index so the policy can be read (and
// tuned against the evaluation set) in one place.

import { detectLang, tokenize } from '../text/index.js';
import { unitMatch, type WeightedUnit } from './coverage.js';
import type { QueryTerm, SearchHit, SearchIndex } from './search-index.js';
import type { Lang, Section } from './types.js';
import { namesWrittenIn, questionLang } from './question-language.js';
import { withoutChatFraming } from './query-words.js';
import { isChineseName } from './general-words.js';
import { namesAndAttributes, unstatedAttributes, type SectionStatements } from './statements.js';
import { askedUnits, unaskedOfNames, unpricedNames, unstatedOfVariants, unstatedPriceSide, unvaluedQuantities, unyearedNames } from './asked.js';
import { undatedWhen, unsaidAfterLeaving, unsaidBefore, unsaidWho, unsaidWhy } from './question-kinds.js';
import { toSimplified } from './chinese-script.js';

/**
 * Default confidence threshold (0–1). Chosen on the tuning part of the
 * evaluation (test/faq/eval-set.ts; never on the held-out test part): the
 * middle of the flat range (0.45–0.55) where answered-right is highest and
 * confident out-of-scope answers lowest; FAQ_MIN_SCORE overrides it.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** Whole-question coverages within this of each other are a tie between sections. */
const COVERAGE_TIE = 0.02;

/** Scores within this share of each other are a tie between sections (the earlier one wins). */
const SCORE_TIE = 0.05;

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
  /** What the question asks about, weighted (what confidence is measured on). */
  readonly units: readonly WeightedUnit[];
  /** Documents, best first. */
  readonly docs: readonly RankedDoc[];
  /** The section to answer from (in the question's language when the KB has it), if any matched. */
  readonly answer: SearchHit | undefined;
  /** 0–1: how well the best document covers the question (see `confidenceOf`). */
  readonly confidence: number;
  readonly confident: boolean;
  /** Query terms that name something (a product, a company) the answering document never mentions. */
  readonly missingEntities: readonly string[];
  /**
   * Attributes asked of a name (CEO, founder…) that the answering section never states for it
   * (./statements.ts), or else what is asked of a name that it never says about it (./asked.ts).
   */
  readonly unstatedAttributes: readonly string[];
}

/** Candidate sections considered per question. */
const DEPTH = 50;

export interface RankOptions {
  readonly minConfidence?: number;
  /** Document ids by dense (embedding) similarity, best first: fused with the lexical order (./dense.ts). */
  readonly denseDocs?: readonly string[];
}

/** Reciprocal-rank fusion constant (Cormack et al.): ranks deep in a list still count a little. */
const RRF_K = 60;

/**
 * Reciprocal-rank fusion of the lexical document order with the dense one.
 * Only documents the lexical search found are kept: confidence is measured
 * on their words, and a document with none of the question's words cannot be
 * answered from.
 */
function fuse(docs: readonly RankedDoc[], dense: readonly string[]): RankedDoc[] {
  const denseRank = new Map(dense.map((id, i) => [id, i + 1]));
  const score = (d: RankedDoc, i: number) => 1 / (RRF_K + i + 1) + (denseRank.has(d.docId) ? 1 / (RRF_K + denseRank.get(d.docId)!) : 0);
  return docs
    .map((d, i) => ({ d, s: score(d, i), i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.d);
}

/**
 * Rank documents for a question. Sections in the question's language are
 * searched first; the other language is used only when nothing matches in
 * it (a Chinese question about "Keras" still finds the English entry).
 */
export function rankQuestion(index: SearchIndex, question: string, options: RankOptions = {}): Ranking {
  question = withoutChatFraming(question);
  const lang = questionLang(question, index.lexicon);
  // Traditional characters read as simplified (./chinese-script.ts), typos as the words meant
  // ("pirces", "Leppton": ./spelling.ts), names in the question's language ("Jia Yangqing 是谁" → 贾扬清是谁:
  // ./question-language.ts), for every rule below.
  const asked = namesWrittenIn(index.spellChecked(toSimplified(question)), lang, index.lexicon, (name) =>
    index.queryTerms(name).some((t) => !t.term.startsWith('§') && index.usedIn(t.term, lang)),
  );
  let result = index.search(asked, { limit: DEPTH, filter: (s) => s.lang === lang });
  // Nothing in this language explains any of the question (character
  // overlaps alone do not count): try both languages.
  if (!result.hits.some((h) => h.coverage > 0)) result = index.search(asked, { limit: DEPTH });
  const { terms, units, hits } = result;

  const byDoc = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const list = byDoc.get(hit.section.docId);
    if (list === undefined) byDoc.set(hit.section.docId, [hit]);
    else list.push(hit);
  }
  const lexical: RankedDoc[] = [...byDoc.entries()]
    .map(([docId, docHits]) => ({ docId, hits: docHits, score: (docHits[0]?.score ?? 0) + SECOND_SECTION_WEIGHT * (docHits[1]?.score ?? 0) }))
    .sort((a, b) => b.score - a.score);
  const docs = options.denseDocs === undefined || options.denseDocs.length === 0 ? lexical : fuse(lexical, options.denseDocs);

  const best = docs[0];
  const answer = best === undefined ? undefined : bestSection(best.hits, distinctiveExplained(index, units, best.hits[0]?.section));
  const missingEntities = answer === undefined ? [] : entitiesMissing(asked, lang, terms, index, answer.section);
  const unstated = answer === undefined ? [] : unsaidIn(index, answer.section, question, asked, units);
  const confidence = answer === undefined ? 0 : confidenceOf(answer, [...missingEntities, ...unstated]);
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  return {
    question,
    lang,
    terms,
    units,
    docs,
    answer,
    confidence,
    confident: answer !== undefined && confidence >= minConfidence,
    missingEntities,
    unstatedAttributes: unstated,
  };
}

/**
 * What the answering section leaves unsaid of what the question asks: the
 * first of these rules that finds something (./statements.ts, ./asked.ts,
 * ./question-kinds.ts).
 * `question` is the question as typed, `asked` the one read with its slips
 * corrected and its names in its language.
 */
function unsaidIn(index: SearchIndex, section: Section, question: string, asked: string, units: readonly WeightedUnit[]): string[] {
  const statements = index.statementsOf(section);
  const { names, attributes } = namesAndAttributes(units, index.lexicon);
  const partsOf = (text: string) => index.units(text);
  const rules: (() => string[])[] = [
    // An attribute of a name (the CEO of Baidu): one sentence stating it for that name.
    () => (names.length === 0 || attributes.length === 0 ? [] : unstatedAttributes(statements, names, attributes)),
    // A name with what is asked about it: the section must say that about the name.
    () => (names.length === 0 ? [] : unaskedOfNames(statements, names, askedUnits(units, index.lexicon))),
    // A date asked ("when did…", 哪年): a date said of what is asked about.
    () => undatedWhen(question, statements, names, units),
    // "Who did…": a window saying the thing done of what is asked about.
    () => unsaidWho(question, statements, names, units),
    // "Why did X…": a window with the name and a reason.
    () => unsaidWhy(asked, statements, names),
    // A price, date or concept asked of one variant (Qwen-Max, 文心4.0): a sentence stating it of that variant.
    () => unstatedOfVariants(asked, statements, units, partsOf, index.lexicon),
    // A year asked of a name: one sentence with both.
    () => unyearedNames(asked, statements, names),
    // The value of a setting or result (a learning rate, an accuracy): a clause with it and a number.
    () => unvaluedQuantities(asked, statements, units),
    // A price asked of a name: a window with the name and an amount.
    () => unpricedNames(asked, statements, names, units),
    // The output (or input) price asked: a sentence pricing that side.
    () => unstatedPriceSide(asked, statements, names, units),
    // What someone did before a step: the section must name somewhere else.
    () => unsaidBefore(asked, statements, units, partsOf, index.lexicon),
    // What came after someone left a company: the leaving and another company, one sentence apart at most.
    () => unsaidAfterLeaving(asked, statements, names, index.lexicon),
  ];
  for (const rule of rules) {
    const found = rule();
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The section of one document to answer from: the one that explains most of
 * the question, over its whole text (with the typical questions it answers)
 * and (counting twice) within its best two-sentence window; not merely the
 * highest BM25 score, which a long section collects from many partial
 * matches. Between sections that explain it equally (within 0.02), the one
 * that explains more of the whole question wins, then the BM25 score (the
 * section about Qwen, not the overview that mentions Qwen once), and
 * between near-equal scores the earlier section: documents lead with their
 * main answer (who someone is before what others got wrong about him).
 * `explained` measures a hit (by default, on the whole question: see
 * distinctiveExplained for the answering document).
 */
export function bestSection(hits: readonly SearchHit[], explained: Explained = (h) => h): SearchHit | undefined {
  // The window counts twice: it is what confidence is measured on, so the section chosen should be the
  // one that explains the question in one place, not one that mentions its words all over.
  const key = (h: SearchHit) => ((e) => Math.round((e.coverage + 2 * e.windowCoverage + (e.label ?? 0)) * 50) / 50)(explained(h));
  let best: SearchHit | undefined;
  for (const h of hits) {
    if (best === undefined || key(h) > key(best)) {
      best = h;
      continue;
    }
    if (key(h) < key(best)) continue;
    // Equal on the distinctive words: the section that explains more of the whole question
    // (大模型未来会往哪些方向发展: 发展 is in the achievements and the trends sections, 未来 only in the latter).
    if (Math.abs(h.coverage - best.coverage) > COVERAGE_TIE) {
      if (h.coverage > best.coverage) best = h;
      continue;
    }
    // Same coverage: a clearly higher score wins; within SCORE_TIE of each other, the earlier section.
    const close = Math.abs(h.score - best.score) <= SCORE_TIE * Math.max(h.score, best.score);
    if (close ? h.section.order < best.section.order : h.score > best.score) best = h;
  }
  return best;
}

/** How much of the question a section explains: its own text, its best window, its label (headings and typical questions). */
type Explained = (hit: SearchHit) => { readonly coverage: number; readonly windowCoverage: number; readonly label?: number };

/**
 * What tells a document's sections apart is the part of the question its
 * title does not explain. The words the title explains ("small companies"
 * and "LLMs" on the page about what cheaper LLMs mean for SMEs) are what the
 * whole page is about, and a general section (the impact, the overview)
 * repeats them most, so it won over the specific one. In the choice of
 * section, a section's own text and its label (own headings and typical
 * questions: "Risks to watch", "Better hardware") are therefore measured on
 * the question's other words only (创业公司接大模型要注意啥坑 → the risks,
 * 硬件便宜了所以模型也便宜了 → the hardware); with none left, the window
 * and then the BM25 score decide. The window, and so confidence, is still
 * measured on the question as asked.
 */
function distinctiveExplained(index: SearchIndex, units: readonly WeightedUnit[], section: Section | undefined): Explained | undefined {
  if (section === undefined) return undefined;
  const title = new Set(index.units(section.titlePath[0] ?? '').flatMap((u) => u.terms));
  const distinct = units.filter((u) => unitMatch(u, (t) => title.has(t)) < 0.5);
  const cache = new Map<SearchHit, ReturnType<Explained>>();
  return (h) => {
    let e = cache.get(h);
    if (e === undefined) {
      const d = distinct.length === 0 ? { coverage: 0, label: 0 } : index.explains(h.section, distinct);
      e = { coverage: d.coverage, windowCoverage: h.windowCoverage, label: d.label };
      cache.set(h, e);
    }
    return e;
  };
}

/**
 * Confidence = the share of the question that the answering section explains
 * within one window of two sentences (./coverage.ts): every content word
 * counts, weighted by how specific it is, so one shared common word ("best",
 * "CEO") is not an answer. A question naming an entity the answering
 * document never mentions
 * ("OpenAI 的 CEO 是谁" against the page about Zhipu's CEO) is capped below
 * any sensible threshold: a neighbouring topic is not an answer. So is one
 * asking for an attribute of a name (the CEO of Baidu) that the section
 * never states for that name (`unstated`, ./statements.ts), or asking of a
 * name something the section never says about it ("is Doubao open source"
 * against the Qwen section, ./asked.ts).
 */
export function confidenceOf(hit: SearchHit, missing: readonly string[]): number {
  const value = hit.windowCoverage;
  return missing.length > 0 ? Math.min(value, ENTITY_CAP) : value;
}

const ENTITY_CAP = 0.2;

const LATIN_WORD = /^[a-z][a-z0-9.]+$/;
const LATIN_LETTER = /[a-z]/i;

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
 * anywhere in the answering document are returned, and so are versioned
 * model names the document does not spell out.
 */
function entitiesMissing(question: string, lang: Lang, terms: readonly QueryTerm[], index: SearchIndex, section: Section): string[] {
  let entities: string[];
  if (lang === 'zh') {
    entities = terms.map((t) => t.term).filter((t) => LATIN_WORD.test(t));
  } else {
    const words = question
      .replace(/^\s*\S+/, '') // the first word is capitalised by grammar, not because it is a name
      .split(/[^\p{L}\p{N}'’-]+/u)
      .filter((w) => /\p{L}/u.test(w));
    const capitalised = words.filter((w) => /\p{Lu}/u.test(w));
    // A question in Title Case or in capitals marks every word: its capitals say nothing of names.
    const shouted = !/\p{Ll}/u.test(question);
    if (shouted || (words.length >= 3 && capitalised.length >= CASED_QUESTION_SHARE * words.length)) capitalised.length = 0;
    entities = [...new Set(capitalised.flatMap((w) => index.queryTerms(w).map((t) => t.term)))].filter((t) => LATIN_WORD.test(t));
  }
  if (entities.length > 0) {
    // Latin words inside a lexicon phrase ("fine tuning", "kimi", "Tongyi Qianwen") stand for its concept, which
    // coverage checks; a name's phrase ("OpenAI") still needs its name (any phrase of it) in the document.
    const text = question.normalize('NFKC');
    const named = (concept: string) => index.docTerms(section.docId, 'en').has(concept) || index.docTerms(section.docId, 'zh').has(concept);
    const phrases = index.lexicon.match(text).filter((m) => index.lexicon.kindOf(m.concept) !== 'name' || named(m.concept));
    const inPhrase = new Set(phrases.flatMap((m) => (LATIN_LETTER.test(text.slice(m.start, m.end)) ? tokenize(text.slice(m.start, m.end)) : [])));
    entities = entities.filter((t) => !inPhrase.has(t));
  }
  // People the knowledge base never names, in Chinese (黄仁勋怎么评价…, 王小川是什么背景): a name it lacks is
  // a person it cannot speak for, however well the rest of the question is explained.
  entities.push(...terms.map((t) => t.term).filter((t) => /^\p{Script=Han}+$/u.test(t) && index.df(t) === 0 && isChineseName(t) && index.lexicon.match(t).length === 0));
  entities = entities.filter((e) => index.idf(e) >= SPECIFIC_IDF);
  const ownTerms = index.docTerms(section.docId, section.lang);
  // A Chinese document's English twin names the same things in Latin script.
  const twinTerms = section.lang === 'zh' ? index.docTerms(section.docId, 'en') : undefined;
  const docTerms = { has: (t: string) => ownTerms.has(t) || twinTerms?.has(t) === true };
  const docText = index.docKeyText(section.docId, section.lang);
  // "llama405b" is there when "llama" and "405b" are.
  const present = (e: string) => docTerms.has(e) || docText.includes(e) || e.split(/(?<=[a-z])(?=\d)/).every((part) => docTerms.has(part));
  const missing = entities.filter((e) => !present(e));
  // A model's size or context length (70b, 128k) says which variant is asked, a year which time: the section must
  // name that one ("豆包pro 128k" is not answered by the Doubao-pro-32k price, "Volcano Engine's revenue in 2024"
  // not by a section that never says 2024).
  // Its twin in the other language counts: 236b is written 2360 亿 on the Chinese page.
  const named = (st: SectionStatements | undefined, term: string) => st !== undefined && (st.headings.has(term) || st.sayings.some((s) => s.has(term)));
  const own = index.statementsOf(section);
  const twinSection = index.sections.find((s) => s.docId === section.docId && s.anchor === section.anchor && s.lang !== section.lang);
  const twin = twinSection === undefined ? undefined : index.statementsOf(twinSection);
  for (const { term } of terms) if (MODEL_SPEC.test(term) && !named(own, term) && !named(twin, term)) missing.push(term);
  // Versioned model names (GPT-5, gpt-4o, Claude-3) name one model: the
  // document must mention that one, not merely its family ("GPT-5 多少钱"
  // is not answered by a page that prices GPT-4).
  for (const m of question.normalize('NFKC').matchAll(MODEL_NAME)) {
    const key = m[0].toLowerCase().replace(/[\s\-_]+/g, '');
    if (!docText.includes(key)) missing.push(m[0]);
  }
  return missing;
}

/** A model size or context length (405b, 70b, 128k, 8k), or a year. */
const MODEL_SPEC = /^(?:\d+(?:\.\d+)?[kb]|(?:19|20)\d\d)$/;

/** This share of a question's words capitalised (after the first) is Title Case or capitals, not names. */
const CASED_QUESTION_SHARE = 0.75;

/**
 * A Latin name joined by a hyphen to a part with a digit, and the parts after it: GPT-5, gpt-4o, Claude-3.5,
 * DeepSeek-V3, DeepSeek-V2-Lite (a page about DeepSeek-V2 does not speak of its Lite model); not a descriptor
 * after it ("GPT-3-level", "GPT-4-class").
 */
const MODEL_NAME = /(?<![\p{L}\p{N}])\p{Script=Latin}[\p{Script=Latin}\p{N}]*(?:-[\p{Script=Latin}\p{N}.]*\p{N}[\p{Script=Latin}\p{N}.]*)+(?:-(?!(?:level|class|tier|grade|size|sized|scale|style|based|like|type|era|generation|quality)\b)[\p{Script=Latin}\p{N}.]+)*/giu;
