// Question → answer, as plain data: the section to answer from (in the
// question's language), trimmed to chat size, with citations; or, below the
// confidence threshold, a plain "no answer" with the closest questions the
// knowledge base can answer. Optionally an LLM composes the answer from the
// retrieved passages, with the extractive answer as the fallback.

import { LlmError } from '../llm/index.js';
import type { DenseIndex } from './dense.js';
import { loadKnowledgeBase, type KnowledgeBase } from './loader.js';
import type { LlmAnswerer, Passage } from './llm-answer.js';
import { extractLinks } from './markdown.js';
import { CORRECTION, REPORTS_ARTICLE_CLAIM } from './claims.js';
import { isTraditional, toTraditional } from './chinese-script.js';
import { bestSection, DEFAULT_MIN_CONFIDENCE, rankQuestion, type Ranking } from './rank.js';
import { questionLang } from './question-language.js';
import { withoutChatFraming } from './query-words.js';
import { SearchIndex, type IndexOptions } from './search-index.js';
import { trimForChat } from './trim.js';
import { sectionLabel, type KnowledgeDoc, type Lang, type Section } from './types.js';

export interface FaqSource {
  readonly id: string;
  /** "Document title › Section". */
  readonly title: string;
  /** Confidence-style score of this section for the question, 0–1. */
  readonly score: number;
}

export interface FaqCitation {
  readonly title: string;
  readonly url?: string;
}

export type AnswerMode = 'extractive' | 'llm' | 'llm-fallback' | 'no-answer';

export interface FaqAnswer {
  readonly question: string;
  readonly lang: Lang;
  readonly confident: boolean;
  /** Confidence of the best match, 0–1. */
  readonly score: number;
  readonly mode: AnswerMode;
  /** Markdown, chat-sized. */
  readonly text: string;
  readonly truncated: boolean;
  /** The section answered from (absent when there is no answer). */
  readonly section?: { readonly id: string; readonly docId: string; readonly title: string; readonly file: string; readonly anchor: string };
  readonly sources: readonly FaqSource[];
  readonly citations: readonly FaqCitation[];
  /** When not confident: up to 3 questions the knowledge base can answer, closest first. */
  readonly suggestions: readonly string[];
  /** Why the LLM was not used or failed (`mode: 'llm-fallback'`). */
  readonly llmError?: string;
  /** The model that composed the answer (`mode: 'llm'`). */
  readonly llmModel?: string;
}

export interface EngineOptions {
  readonly minConfidence?: number;
  /** Longest answer text, in characters (default 1100: well inside Slack's and Discord's limits, about a phone screen). */
  readonly maxAnswerChars?: number;
  readonly index?: IndexOptions;
}

export interface AnswerOptions {
  readonly llm?: LlmAnswerer;
  /** Called just before a (slow) LLM call, e.g. to show "composing…" in chat, in the answer's language. */
  readonly onComposing?: (lang: Lang) => void | Promise<void>;
}

const TEXT = {
  zh: {
    none: '知识库里没有这个问题的答案。',
    empty: '知识库目前是空的（没有加载到任何文档），所以无法回答。',
    closest: '我能回答的相近问题：',
    excerpt: (where: string) => `_（节选，全文见 ${where}）_`,
    otherLang: '_（这一节只有英文版。）_',
    fallback: (why: string) => `_（语言模型没有给出答案：${why}。以下是知识库原文摘录。）_`,
  },
  en: {
    none: 'The knowledge base has no answer to that.',
    empty: 'The knowledge base is empty (no documents are loaded), so I cannot answer.',
    closest: 'Closest questions it can answer:',
    excerpt: (where: string) => `_(Excerpt; full text in ${where}.)_`,
    otherLang: '_(This section exists only in Chinese.)_',
    fallback: (why: string) => `_(The language model gave no answer: ${why}. Here is the knowledge-base excerpt instead.)_`,
  },
} as const;

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export class FaqEngine {
  readonly kb: KnowledgeBase;
  readonly index: SearchIndex;
  readonly minConfidence: number;
  private readonly maxAnswerChars: number;

  constructor(kb: KnowledgeBase, options: EngineOptions = {}) {
    this.kb = kb;
    this.index = SearchIndex.build(kb.sections, { ...(kb.lexicon !== undefined ? { lexicon: kb.lexicon } : {}), ...options.index });
    this.minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
    this.maxAnswerChars = options.maxAnswerChars ?? 1100;
  }

  /** Dense retrieval (./dense.ts), when an embeddings provider is configured and reachable. */
  dense: DenseIndex | undefined;

  /** Lexical ranking only (synchronous: the evaluation and the bench use it). */
  rank(question: string): Ranking {
    return rankQuestion(this.index, question, { minConfidence: this.minConfidence });
  }

  /** The ranking answers use: lexical, fused with dense retrieval when there is one. */
  async rankFused(question: string): Promise<Ranking> {
    if (this.dense === undefined) return this.rank(question);
    const asked = withoutChatFraming(question);
    const lang = questionLang(asked, this.index.lexicon);
    const hits = await this.dense.search(asked, (s) => s.lang === lang);
    if (hits === undefined) return this.rank(question);
    const denseDocs = [...new Set(hits.map((h) => h.section.docId))];
    return rankQuestion(this.index, question, { minConfidence: this.minConfidence, denseDocs });
  }

  /** The answer to `question`; asked in traditional characters, it is given in them (./chinese-script.ts). */
  async answer(question: string, options: AnswerOptions = {}): Promise<FaqAnswer> {
    const answer = await this.answerAsked(question, options);
    return isTraditional(question) ? inTraditional(answer) : answer;
  }

  private async answerAsked(question: string, options: AnswerOptions): Promise<FaqAnswer> {
    const ranking = await this.rankFused(question);
    const { lang } = ranking;
    // The section each of the three best documents would answer from: the sources, and the LLM's passages.
    // The first is the answer itself (its section chosen on the question's distinctive words, ./rank.ts).
    const best = ranking.docs.slice(0, 3).map((d, i) => (i === 0 && ranking.answer !== undefined ? ranking.answer : bestSection(d.hits)!));
    const sources = best.map((hit): FaqSource => ({ id: hit.section.id, title: sectionLabel(hit.section), score: round(hit === ranking.answer ? ranking.confidence : hit.coverage) }));
    const base = { question, lang, score: round(ranking.confidence), sources };

    if (!ranking.confident || ranking.answer === undefined) {
      const suggestions = this.suggestions(ranking);
      const t = TEXT[lang];
      const lead = this.kb.sections.length === 0 ? t.empty : t.none;
      const text = suggestions.length === 0 ? lead : `${lead}\n\n${t.closest}\n${suggestions.map((s, i) => `${i + 1}. ${s}`).join('\n')}`;
      return { ...base, confident: false, mode: 'no-answer', text, truncated: false, citations: [], suggestions };
    }

    const section = this.inLanguage(ranking.answer.section, lang);
    const passageSections = [section, ...best.slice(1).map((hit) => this.inLanguage(hit.section, lang))];
    const citations = this.citations(section);
    const answered = {
      ...base,
      confident: true,
      section: { id: section.id, docId: section.docId, title: sectionLabel(section), file: section.file, anchor: section.anchor },
      citations,
      suggestions: [],
    };

    let llmError: { code: string; why: string } | undefined;
    if (options.llm !== undefined) {
      try {
        await options.onComposing?.(lang);
        const passages: Passage[] = passageSections.map((s) => ({ label: sectionLabel(s), text: s.body }));
        const composed = await options.llm.compose(question, lang, passages);
        const trimmed = trimForChat(composed, this.maxAnswerChars);
        // The model may draw on the runner-up passages too: cite them after the main one.
        const extra = passageSections.slice(1).map((s) => ({ title: sectionLabel(s) }));
        return { ...answered, mode: 'llm', text: trimmed.text, truncated: trimmed.truncated, citations: dedupe([...citations.slice(0, 1), ...extra, ...citations.slice(1)]), llmModel: options.llm.name };
      } catch (error) {
        llmError = describeLlmError(error, lang);
      }
    }

    const t = TEXT[lang];
    const lead = leadSentence(this.index.sentencesFor(section, ranking.units));
    // The lead is said once: first, and not again inside the context below it.
    const context = lead === undefined ? section.body : withoutSentence(section.body, lead);
    const trimmed = trimForChat(context, this.maxAnswerChars - (lead === undefined ? 0 : lead.length + 2));
    const parts: string[] = [];
    if (llmError !== undefined) parts.push(t.fallback(llmError.why));
    if (section.lang !== lang) parts.push(t.otherLang);
    // Answer first: the sentence that answers the question, then the section as context.
    if (lead !== undefined) parts.push(lead);
    parts.push(trimmed.text === '' ? '…' : trimmed.text);
    if (trimmed.truncated) parts.push(t.excerpt(`${this.kb.dir.replace(/\/$/, '')}/${section.file}#${section.anchor}`));
    return {
      ...answered,
      mode: llmError === undefined ? 'extractive' : 'llm-fallback',
      text: parts.join('\n\n'),
      truncated: trimmed.truncated,
      ...(llmError !== undefined ? { llmError: llmError.code } : {}),
    };
  }

  /** The same section in `lang` (same document, same anchor) when the knowledge base has it. */
  private inLanguage(section: Section, lang: Lang): Section {
    if (section.lang === lang) return section;
    return this.kb.sections.find((s) => s.docId === section.docId && s.lang === lang && s.anchor === section.anchor) ?? section;
  }

  /** The knowledge-base section first, then the sources it links to (up to 3). */
  private citations(section: Section): FaqCitation[] {
    const links = extractLinks(section.body).slice(0, 3);
    return [{ title: sectionLabel(section) }, ...links.map((l) => ({ title: l.title, url: l.url }))];
  }

  /**
   * Up to three questions the knowledge base answers, in the question's
   * language: from the best-ranked documents, the typical question sharing
   * most terms with what was asked; then, if fewer than three documents
   * matched at all, the first question of other documents.
   */
  suggestions(ranking: Ranking): string[] {
    const docs = this.kb.docs.filter((d) => d.lang === ranking.lang);
    const pool = docs.length > 0 ? docs : this.kb.docs;
    const asked = new Set(ranking.terms.map((t) => t.term));
    const out: string[] = [];
    const used = new Set<string>();
    for (const ranked of ranking.docs) {
      if (out.length >= 3) break;
      const doc = pool.find((d) => d.id === ranked.docId);
      if (doc === undefined || used.has(doc.id)) continue;
      used.add(doc.id);
      const best = offered(doc)
        .map((q, i) => ({ q, i, overlap: this.index.queryTerms(q).filter((t) => asked.has(t.term)).length }))
        .sort((a, b) => b.overlap - a.overlap || a.i - b.i)[0];
      if (best !== undefined) out.push(best.q);
    }
    for (const doc of pool) {
      if (out.length >= 3) break;
      if (used.has(doc.id) || doc.questions[0] === undefined) continue;
      used.add(doc.id);
      out.push(doc.questions[0]);
    }
    return out;
  }
}

/**
 * The questions a document offers as suggestions: its plain typical
 * questions, written as full questions. Those pinned to a section are chat
 * phrasings ("qwen long 降到几毛钱") that help retrieval, not buttons.
 */
function offered(doc: KnowledgeDoc): string[] {
  const pinned = new Set(doc.sections.flatMap((s) => s.pinnedQuestions ?? []));
  const plain = doc.questions.filter((q) => !pinned.has(q));
  return plain.length > 0 ? plain : [...doc.questions];
}

/**
 * The sentence an answer opens with, when it is not already the section's
 * first: the one that explains most of the question (ties: the earlier),
 * never one that reports the article's claim.
 */
function leadSentence(sentences: ReadonlyArray<{ text: string; coverage: number }>): string | undefined {
  let best: { text: string; coverage: number; at: number } | undefined;
  sentences.forEach((s, at) => {
    if (REPORTS_ARTICLE_CLAIM.test(s.text) || s.text.endsWith(':') || s.text.endsWith('：')) return;
    if (best === undefined || s.coverage > best.coverage + 1e-9) best = { ...s, at };
  });
  const first = sentences[0];
  if (best === undefined || first === undefined) return undefined;
  // A section that opens with the article's claim and corrects it right after never leads with the claim.
  const opensWithCorrectedClaim = REPORTS_ARTICLE_CLAIM.test(first.text) && CORRECTION.test(`${first.text} ${sentences[1]?.text ?? ''}`);
  if (best.at === 0) return undefined;
  // Otherwise the section's own opening stands unless a later sentence answers clearly better.
  const clearlyBetter = best.coverage >= LEAD_MIN_COVERAGE && best.coverage >= first.coverage + LEAD_MARGIN;
  if (!clearlyBetter && !opensWithCorrectedClaim) return undefined;
  return best.text.length > LEAD_MAX_CHARS ? undefined : best.text;
}

/** `body` with the first occurrence of `sentence` taken out (and the space it leaves), or as it is when absent. */
function withoutSentence(body: string, sentence: string): string {
  const at = body.indexOf(sentence);
  if (at < 0) return body;
  const rest = `${body.slice(0, at).replace(/[ \t]+$/, '')}${body.slice(at + sentence.length).replace(/^[ \t]+/, at > 0 && !body.slice(0, at).endsWith('\n') ? ' ' : '')}`;
  return rest.replace(/\n{3,}/g, '\n\n').trim();
}

/** A sentence leads only when it explains this much of the question, and this much more than the opening. */
const LEAD_MIN_COVERAGE = 0.25;
const LEAD_MARGIN = 0.1;

/** A lead longer than this is a paragraph, not a sentence: let the section speak. */
const LEAD_MAX_CHARS = 400;

function dedupe(citations: readonly FaqCitation[]): FaqCitation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.title}|${c.url ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A machine-readable code for `data` and a reason for the user, in their language. */
function describeLlmError(error: unknown, lang: Lang): { code: string; why: string } {
  const zh = lang === 'zh';
  if (!(error instanceof LlmError)) return { code: 'failed', why: zh ? '调用出错' : 'the call failed' };
  switch (error.kind) {
    case 'timeout':
      return { code: 'timeout', why: zh ? '没有在限定时间内回答' : 'it did not answer in time' };
    case 'empty':
      return { code: 'empty', why: zh ? '它在检索到的段落里没有找到答案' : 'it found no answer in the passages' };
    case 'config':
      return { code: 'config', why: zh ? '配置不正确' : 'it is not configured correctly' };
    case 'aborted':
      return { code: 'aborted', why: zh ? '调用被取消' : 'the call was cancelled' };
    default: {
      const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
      return { code: `failed${status}`, why: zh ? `调用失败${status}` : `the call failed${status}` };
    }
  }
}

/** Read the knowledge directory and index it: what start-up and every reload do. */
export async function loadEngine(knowledgeDir: string, options: EngineOptions = {}): Promise<FaqEngine> {
  return new FaqEngine(await loadKnowledgeBase(knowledgeDir), options);
}

/** What an answer shows, in traditional characters: its text, suggestions, and the titles of its section, sources and citations. */
async function inTraditional(a: FaqAnswer): Promise<FaqAnswer> {
  const titled = async <T extends { readonly title: string }>(x: T): Promise<T> => ({ ...x, title: await toTraditional(x.title) });
  return {
    ...a,
    text: await toTraditional(a.text),
    suggestions: await Promise.all(a.suggestions.map(toTraditional)),
    sources: await Promise.all(a.sources.map(titled)),
    citations: await Promise.all(a.citations.map(titled)),
    ...(a.section === undefined ? {} : { section: await titled(a.section) }),
  };
}
